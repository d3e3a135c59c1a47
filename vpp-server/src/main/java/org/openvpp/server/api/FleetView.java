package org.openvpp.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.aggregate.GroupTotals;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.twin.TwinStore;

/**
 * What the API shows of a running VPP at one instant: an immutable snapshot the control loop makes
 * on its own thread ({@link #of}) and hands over whole, so requests on the web server's threads
 * never read the twins, the tree or the books while the loop writes them.
 *
 * @param at when it was taken
 * @param groups every group of the aggregation tree, the fleet first
 * @param devices every device, in registration order
 * @param programs every program with its enrolment counts
 * @param events every program event
 * @param customers every customer with an enrolment: their sites and programs (what a participant
 *     may see)
 */
public record FleetView(
    Instant at,
    List<GroupView> groups,
    List<DeviceView> devices,
    List<ProgramView> programs,
    List<EventView> events,
    Map<String, CustomerView> customers) {

  public FleetView {
    Objects.requireNonNull(at, "at");
    groups = List.copyOf(groups);
    devices = List.copyOf(devices);
    programs = List.copyOf(programs);
    events = List.copyOf(events);
    customers = Map.copyOf(customers);
  }

  /** A customer's sites and the programs they are enrolled in. */
  public record CustomerView(String id, Set<String> sites, Set<String> programs) {
    public CustomerView {
      sites = Set.copyOf(sites);
      programs = Set.copyOf(programs);
    }
  }

  /** A group's totals (flexibility now). */
  public record GroupView(
      String id,
      int devices,
      int online,
      double powerKw,
      double storedKwh,
      double dischargeableKwh,
      double chargeableKwh,
      double availableDischargeKw,
      double availableChargeKw) {}

  /** A device's twin, and whose it is where it is enrolled. */
  public record DeviceView(
      String id,
      Optional<String> site,
      Optional<String> customer,
      String kind,
      boolean online,
      boolean optedOut,
      double powerKw,
      double storedKwh,
      Optional<Double> temperatureC,
      Optional<Boolean> pluggedIn,
      Preferences preferences) {}

  /**
   * A device's customer preferences as the VPP keeps them: a battery's reserve, a thermostat's
   * comfort band, an EV's ready-by time (local).
   */
  public record Preferences(
      Optional<Double> reserveKwh,
      Optional<Double> comfortLowC,
      Optional<Double> comfortHighC,
      Optional<java.time.LocalTime> readyBy) {}

  /** A program and how many are enrolled in it and waiting. */
  public record ProgramView(
      String id, String name, String kind, double capacityCapKw, int enrolled, int waiting) {}

  /** A program event and its participants. */
  public record EventView(
      String id,
      String programId,
      String state,
      Instant start,
      Instant end,
      Optional<Double> requestedKw,
      int participants,
      int optedOut) {}

  private static Preferences preferences(TwinStore twins, int d) {
    var device = twins.device(d);
    boolean battery = device instanceof org.openvpp.device.Battery;
    boolean thermostat = device instanceof org.openvpp.device.Thermostat;
    return new Preferences(
        battery ? Optional.of(twins.reserveKwh(d)) : Optional.empty(),
        thermostat ? Optional.of(twins.comfortLow(d).celsius()) : Optional.empty(),
        thermostat ? Optional.of(twins.comfortHigh(d).celsius()) : Optional.empty(),
        twins.readyBy(d));
  }

  /** An empty view, before the loop has published one. */
  public static FleetView empty(Instant at) {
    return new FleetView(at, List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  /** Takes a snapshot; call it on the control loop's thread. */
  public static FleetView of(
      Instant now, TwinStore twins, AggregationTree tree, Enrolments register, EventBook book) {
    List<GroupView> groups = new ArrayList<>();
    for (GroupId g : tree.groups()) {
      GroupTotals t = tree.totals(g);
      groups.add(
          new GroupView(
              g.value(),
              t.devices(),
              t.online(),
              t.power().kilowatts(),
              t.stored().kilowattHours(),
              t.dischargeable().kilowattHours(),
              t.chargeable().kilowattHours(),
              t.availableDischarge().kilowatts(),
              t.availableCharge().kilowatts()));
    }
    // Who owns what, from the enrolments of every program (waiting ones too: the site is theirs).
    Map<String, String> siteOfDevice = new HashMap<>();
    Map<String, Set<String>> sitesOf = new HashMap<>();
    Map<String, Set<String>> programsOf = new HashMap<>();
    for (Program p : register.programs()) {
      List<Enrolment> all = new ArrayList<>(register.enrolled(p.id()));
      all.addAll(register.waitingList(p.id()));
      for (Enrolment e : all) {
        String customer = register.site(e.siteId()).customerId();
        sitesOf.computeIfAbsent(customer, c -> new HashSet<>()).add(e.siteId());
        if (e.enrolledAt().isPresent() && e.withdrawnAt().isEmpty()) {
          programsOf.computeIfAbsent(customer, c -> new HashSet<>()).add(p.id());
        }
        for (var d : e.devices()) {
          siteOfDevice.put(d.id().value(), e.siteId());
        }
      }
    }
    Map<String, String> customerOfSite = new HashMap<>();
    Map<String, CustomerView> customers = new HashMap<>();
    for (var entry : sitesOf.entrySet()) {
      for (String site : entry.getValue()) {
        customerOfSite.put(site, entry.getKey());
      }
      customers.put(
          entry.getKey(),
          new CustomerView(
              entry.getKey(), entry.getValue(), programsOf.getOrDefault(entry.getKey(), Set.of())));
    }
    List<DeviceView> devices = new ArrayList<>(twins.size());
    for (int d = 0; d < twins.size(); d++) {
      String id = twins.device(d).id().value();
      Optional<String> site = Optional.ofNullable(siteOfDevice.get(id));
      devices.add(
          new DeviceView(
              id,
              site,
              site.flatMap(x -> Optional.ofNullable(customerOfSite.get(x))),
              twins.device(d).kind().name(),
              twins.isOnline(d, now),
              twins.isOptedOut(d),
              twins.powerKw(d),
              twins.storedKwh(d),
              twins.temperature(d).map(c -> c.celsius()),
              twins.pluggedIn(d),
              preferences(twins, d)));
    }
    List<ProgramView> programs = new ArrayList<>();
    for (Program p : register.programs()) {
      programs.add(
          new ProgramView(
              p.id(),
              p.name(),
              p.kind().name(),
              p.capacityCap().kilowatts(),
              register.enrolled(p.id()).size(),
              register.waitingList(p.id()).size()));
    }
    List<EventView> events = new ArrayList<>();
    for (ProgramEvent e : book.events()) {
      int optedOut = 0;
      var participants = book.participants(e.id());
      for (String site : participants) {
        optedOut += book.optOutOf(e.id(), site).isPresent() ? 1 : 0;
      }
      events.add(
          new EventView(
              e.id(),
              e.programId(),
              e.state().name(),
              e.window().start(),
              e.window().end(),
              e.requested().map(p -> p.kilowatts()),
              participants.size(),
              optedOut));
    }
    return new FleetView(now, groups, devices, programs, events, customers);
  }
}
