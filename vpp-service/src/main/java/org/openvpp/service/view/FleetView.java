package org.openvpp.service.view;

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
import org.openvpp.program.Consent;
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
 * @param enrolments every enrolment on the books, withdrawn ones too
 * @param consents every consent on the books, revoked and lapsed ones too
 * @param flexibility the fleet's available discharge power, forecast and measured; empty until the
 *     run has made its first forecast
 * @param prices the scenario's day-ahead prices over the run, hour by hour; empty when it has none
 * @param dispatch what the VPP asks of each program's devices and what they do
 */
public record FleetView(
    Instant at,
    List<GroupView> groups,
    List<DeviceView> devices,
    List<ProgramView> programs,
    List<EventView> events,
    Map<String, CustomerView> customers,
    List<EnrolmentView> enrolments,
    List<ConsentView> consents,
    Optional<Flexibility> flexibility,
    List<Price> prices,
    List<Dispatch> dispatch) {

  public FleetView {
    Objects.requireNonNull(at, "at");
    groups = List.copyOf(groups);
    devices = List.copyOf(devices);
    programs = List.copyOf(programs);
    events = List.copyOf(events);
    customers = Map.copyOf(customers);
    enrolments = List.copyOf(enrolments);
    consents = List.copyOf(consents);
    Objects.requireNonNull(flexibility, "flexibility");
    prices = List.copyOf(prices);
    dispatch = List.copyOf(dispatch);
  }

  /** This view with what only the run knows: its forecast, its prices, its dispatch. */
  public FleetView withRun(
      Optional<Flexibility> flexibility, List<Price> prices, List<Dispatch> dispatch) {
    return new FleetView(
        at,
        groups,
        devices,
        programs,
        events,
        customers,
        enrolments,
        consents,
        flexibility,
        prices,
        dispatch);
  }

  /**
   * The fleet's available discharge power (kW it can give and hold for an hour, as the tree counts
   * it): P10/P50/P90 bands per 15-minute interval, and what the tree measured at each boundary.
   *
   * @param madeAt when the latest forecast was made
   * @param offlineRate the fleet's offline rate the forecast assumed (from the twins so far)
   * @param devices the devices the latest forecast counted (every battery of the tree)
   * @param errorSamples how many hour-ahead errors widen the latest bands (0: none yet, the bands
   *     are availability only)
   * @param latest the latest forecast, from {@code madeAt} to the end of the run
   * @param first the first forecast of the run, made at its start, for the whole run
   * @param hourAhead each interval so far and to come as forecast at least an hour before its start
   *     (the first forecast's, for the run's first hour)
   * @param measured the available discharge power the tree counted at each boundary so far
   */
  public record Flexibility(
      Instant madeAt,
      double offlineRate,
      int devices,
      int errorSamples,
      List<Band> latest,
      List<Band> first,
      List<Band> hourAhead,
      List<Measured> measured) {
    public Flexibility {
      Objects.requireNonNull(madeAt, "madeAt");
      latest = List.copyOf(latest);
      first = List.copyOf(first);
      hourAhead = List.copyOf(hourAhead);
      measured = List.copyOf(measured);
    }
  }

  /** One interval of a banded forecast, kW: there with 90 % (P10), 50 % and 10 % probability. */
  public record Band(Instant start, Instant end, double p10Kw, double p50Kw, double p90Kw) {}

  /** A measured value at an instant, kW. */
  public record Measured(Instant at, double kw) {}

  /** The day-ahead price of one hour, in US dollars per MWh (exact, as a decimal). */
  public record Price(Instant start, Instant end, java.math.BigDecimal usdPerMwh) {}

  /**
   * What the VPP asks of one program's devices of one kind, and what they do.
   *
   * @param programId the program
   * @param kind the devices' kind
   * @param targetKw the power asked of them (load convention: negative is discharge), where the VPP
   *     asks a power (batteries)
   * @param reductionAskedKw the reduction asked of them, where the VPP asks a reduction (chargers
   *     defer, heat pumps hold off)
   * @param measuredKw the power their twins report, summed
   * @param commandsSent commands sent to them so far
   * @param devices how many there are
   * @param online how many are online
   * @param excluded how many the dispatcher left out (caught not following)
   * @param optedOut how many the VPP may not command now (opted out, not enrolled, no consent)
   */
  public record Dispatch(
      String programId,
      String kind,
      Optional<Double> targetKw,
      Optional<Double> reductionAskedKw,
      double measuredKw,
      long commandsSent,
      int devices,
      int online,
      int excluded,
      int optedOut) {}

  /** An enrolment, with the customer whose site it is. */
  public record EnrolmentView(
      String id,
      String programId,
      String siteId,
      String customerId,
      List<String> devices,
      String consentId,
      Instant requestedAt,
      Optional<Instant> enrolledAt,
      Optional<Instant> withdrawnAt,
      String state,
      double capacityKw) {
    public EnrolmentView {
      devices = List.copyOf(devices);
    }
  }

  /**
   * A consent, with the customer whose site it covers; {@code state} as of the view: ACTIVE,
   * EXPIRED or REVOKED.
   */
  public record ConsentView(
      String id,
      String siteId,
      String customerId,
      String grantedBy,
      Instant grantedAt,
      List<String> scopes,
      Optional<Instant> expires,
      Optional<Instant> revokedAt,
      String state) {
    public ConsentView {
      scopes = List.copyOf(scopes);
    }
  }

  /** A customer's sites and the programs they are enrolled in. */
  public record CustomerView(String id, Set<String> sites, Set<String> programs) {
    public CustomerView {
      sites = Set.copyOf(sites);
      programs = Set.copyOf(programs);
    }
  }

  /** A group's totals (flexibility now) and the group it is under (none for the fleet). */
  public record GroupView(
      String id,
      Optional<String> parent,
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
    return new FleetView(
        at,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        List.of(),
        List.of());
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
              tree.parent(g).map(GroupId::value),
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
    List<EnrolmentView> enrolments = new ArrayList<>();
    for (Enrolment e : register.enrolments()) {
      enrolments.add(
          new EnrolmentView(
              e.id(),
              e.programId(),
              e.siteId(),
              register.site(e.siteId()).customerId(),
              e.devices().stream().map(d -> d.id().value()).toList(),
              e.consentId(),
              e.requestedAt(),
              e.enrolledAt(),
              e.withdrawnAt(),
              e.status().name(),
              e.capacity().kilowatts()));
    }
    List<ConsentView> consents = new ArrayList<>();
    for (Consent c : register.consents()) {
      String state =
          c.revokedAt().filter(r -> !now.isBefore(r)).isPresent()
              ? "REVOKED"
              : c.expires().filter(x -> !now.isBefore(x)).isPresent() ? "EXPIRED" : "ACTIVE";
      consents.add(
          new ConsentView(
              c.id(),
              c.siteId(),
              register.site(c.siteId()).customerId(),
              c.grantedBy(),
              c.grantedAt(),
              c.scopes().stream().map(Enum::name).sorted().toList(),
              c.expires(),
              c.revokedAt(),
              state));
    }
    return new FleetView(
        now,
        groups,
        devices,
        programs,
        events,
        customers,
        enrolments,
        consents,
        Optional.empty(),
        List.of(),
        List.of());
  }
}
