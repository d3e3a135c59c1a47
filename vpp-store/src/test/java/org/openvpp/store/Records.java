package org.openvpp.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOut;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/** Program records for the tests, each with every optional part both present and absent. */
final class Records {
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  static final Interval SEASON = new Interval(T0, Instant.parse("2026-10-01T00:00:00Z"));

  private Records() {}

  static Program byo() {
    return byo(Power.ofKilowatts(20.5), 3);
  }

  static Program byo(Power cap, int sites) {
    return new Program(
        "byo",
        "Bring your own battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY, DeviceKind.EV_CHARGER),
        Set.of("ca-south", "ca-north"),
        cap,
        sites,
        new EventLimits(
            SEASON, 3, Duration.ofHours(4), Duration.ofMinutes(481), Duration.ofSeconds(7201)),
        Incentives.none(Money.USD)
            .withPerKwh(Money.usd("0.0375"))
            .withPerEvent(Money.usd("2.00"))
            .withPerKwMonth(Money.usd("1.50"))
            .withRevenueShare(new BigDecimal("0.50")),
        new OptOutRules(1, Duration.ofHours(1), false),
        Set.of("leased"));
  }

  static Program leased() {
    return new Program(
        "leased",
        "Leased battery",
        ProgramKind.LEASED_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("ca-south"),
        Power.ofKilowatts(100),
        10,
        new EventLimits(SEASON, 5, Duration.ofHours(4), Duration.ofHours(20), Duration.ZERO),
        Incentives.none(Money.USD).withLease(Money.usd("55"), Money.usd("5")),
        new OptOutRules(2, Duration.ZERO, true),
        Set.of(),
        new Program.Measurement("pjm-high4of5", "day-of-mean"),
        new Program.Buyer(Money.usd("2.50"), Money.usd("4.125")));
  }

  static SiteDevice device(int i) {
    return new SiteDevice(
        DeviceId.of("b" + i), "s" + i, DeviceKind.BATTERY, Power.ofKilowatts(5), T0.plusSeconds(i));
  }

  static Customer customer(int i) {
    return new Customer("c" + i, "Customer " + i + " \"O'Neil\", Ltd.");
  }

  static Site site(int i) {
    return new Site("s" + i, "c" + i, "m" + i, i % 2 == 0 ? "f2" : "f1", "ca-south");
  }

  static Consent consent(int i, Optional<Instant> expires, Optional<Instant> revoked) {
    return new Consent(
        "k" + i,
        "s" + i,
        "owner of s" + i,
        T0.minus(Duration.ofDays(1)).plusNanos(123_456_000),
        Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
        expires,
        revoked);
  }

  static Consent meterOnly(int i) {
    return new Consent(
        "m" + i,
        "s" + i,
        "owner",
        T0,
        Set.of(Consent.Scope.METER_DATA),
        Optional.of(T0.plus(Duration.ofDays(365))),
        Optional.empty());
  }

  static List<EnrolledDevice> devices(String id) {
    return List.of(
        new EnrolledDevice(DeviceId.of(id + "-a"), DeviceKind.BATTERY, Power.ofKilowatts(5)),
        new EnrolledDevice(DeviceId.of(id + "-b"), DeviceKind.EV_CHARGER, Power.ofWatts(7200.25)));
  }

  static Enrolment enrolment(int i, Optional<Instant> enrolled, Optional<Instant> withdrawn) {
    return new Enrolment(
        "e" + i, "byo", "s" + i, devices("d" + i), "k" + i, T0.plusSeconds(i), enrolled, withdrawn);
  }

  static ProgramEvent event(String id, Targeting targeting, Optional<Power> requested) {
    return new ProgramEvent(
        id,
        "byo",
        EventSource.UTILITY_OPENADR,
        new Interval(T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(10).plusHours(3))),
        targeting,
        requested,
        T0.plus(Duration.ofDays(9)),
        ProgramEvent.State.SCHEDULED,
        T0.plus(Duration.ofDays(9)));
  }

  static OptOut optOut(String event, String site) {
    return new OptOut(event, site, T0.plus(Duration.ofDays(9).plusMinutes(5)));
  }
}
