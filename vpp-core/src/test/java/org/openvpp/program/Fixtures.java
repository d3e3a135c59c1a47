package org.openvpp.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/** Programs, sites and consents for the tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  public static final Interval SEASON = new Interval(T0, Instant.parse("2026-10-01T00:00:00Z"));

  private Fixtures() {}

  public static EventLimits limits() {
    return new EventLimits(
        SEASON, 3, Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(2));
  }

  /** BYO battery in region ca-south: cap 20 kW and 3 sites; 1 opt-out a season, 1 h before. */
  public static Program byo() {
    return byo(Power.ofKilowatts(20), 3);
  }

  public static Program byo(Power cap, int sites) {
    return new Program(
        "byo",
        "Bring your own battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("ca-south"),
        cap,
        sites,
        limits(),
        Incentives.none(Money.USD)
            .withPerKwh(Money.usd("0.85"))
            .withPerEvent(Money.usd("2.00"))
            .withPerKwMonth(Money.usd("1.50"))
            .withRevenueShare(new BigDecimal("0.5")),
        new OptOutRules(1, Duration.ofHours(1), false),
        Set.of("leased"));
  }

  /** Utility-leased batteries: 55 USD a month, 5 USD lease credit per event. */
  public static Program leased() {
    return new Program(
        "leased",
        "Leased battery",
        ProgramKind.LEASED_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("ca-south"),
        Power.ofKilowatts(100),
        10,
        limits(),
        Incentives.none(Money.USD).withLease(Money.usd("55"), Money.usd("5")),
        new OptOutRules(2, Duration.ZERO, true),
        Set.of());
  }

  /** A register with both programs and {@code n} sites s1..sn (customers c1..cn) with consent. */
  public static Enrolments register(int n, Program... programs) {
    Enrolments r = Enrolments.inMemory();
    for (Program p : programs) {
      r.putProgram(p);
    }
    for (int i = 1; i <= n; i++) {
      r.addCustomer(new Customer("c" + i, "Customer " + i));
      r.addSite(new Site("s" + i, "c" + i, "m" + i, i % 2 == 0 ? "f2" : "f1", "ca-south"));
      r.recordConsent(consent("k" + i, "s" + i, Optional.empty()));
    }
    return r;
  }

  public static Consent consent(String id, String site, Optional<Instant> expires) {
    return new Consent(
        id,
        site,
        "owner of " + site,
        T0.minus(Duration.ofDays(1)),
        Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
        expires,
        Optional.empty());
  }

  public static List<EnrolledDevice> battery(String id, double kw) {
    return List.of(new EnrolledDevice(DeviceId.of(id), DeviceKind.BATTERY, Power.ofKilowatts(kw)));
  }
}
