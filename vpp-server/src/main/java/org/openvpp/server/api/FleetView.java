package org.openvpp.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.aggregate.GroupTotals;
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
 */
public record FleetView(
    Instant at,
    List<GroupView> groups,
    List<DeviceView> devices,
    List<ProgramView> programs,
    List<EventView> events) {

  public FleetView {
    Objects.requireNonNull(at, "at");
    groups = List.copyOf(groups);
    devices = List.copyOf(devices);
    programs = List.copyOf(programs);
    events = List.copyOf(events);
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

  /** A device's twin. */
  public record DeviceView(
      String id,
      String kind,
      boolean online,
      boolean optedOut,
      double powerKw,
      double storedKwh,
      Optional<Double> temperatureC,
      Optional<Boolean> pluggedIn) {}

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

  /** An empty view, before the loop has published one. */
  public static FleetView empty(Instant at) {
    return new FleetView(at, List.of(), List.of(), List.of(), List.of());
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
    List<DeviceView> devices = new ArrayList<>(twins.size());
    for (int d = 0; d < twins.size(); d++) {
      devices.add(
          new DeviceView(
              twins.device(d).id().value(),
              twins.device(d).kind().name(),
              twins.isOnline(d, now),
              twins.isOptedOut(d),
              twins.powerKw(d),
              twins.storedKwh(d),
              twins.temperature(d).map(c -> c.celsius()),
              twins.pluggedIn(d)));
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
    return new FleetView(now, groups, devices, programs, events);
  }
}
