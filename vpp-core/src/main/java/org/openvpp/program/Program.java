package org.openvpp.program;

import java.util.Objects;
import java.util.Set;
import org.openvpp.device.DeviceKind;
import org.openvpp.units.Power;

/**
 * A program and its rules.
 *
 * @param id stable identifier
 * @param name for people
 * @param kind the business model
 * @param eligibleDevices device kinds the program accepts
 * @param regions regions whose sites may enrol
 * @param capacityCap the most capacity (sum of enrolled devices' kW) the program accepts; beyond it
 *     requests wait
 * @param enrolmentCap the most enrolled sites; beyond it requests wait
 * @param limits event limits
 * @param incentives what it pays and charges
 * @param optOut opt-out rules
 * @param conflictsWith programs a site in this one may not also be in (either side's list counts)
 * @param measurement how its events are measured: the baseline method and its fallback
 * @param buyer what the utility (or market) buying the program's service pays for it
 */
public record Program(
    String id,
    String name,
    ProgramKind kind,
    Set<DeviceKind> eligibleDevices,
    Set<String> regions,
    Power capacityCap,
    int enrolmentCap,
    EventLimits limits,
    Incentives incentives,
    OptOutRules optOut,
    Set<String> conflictsWith,
    Measurement measurement,
    Buyer buyer) {

  /**
   * How a program's events are measured: every participant site by {@code baseline} (a method of
   * {@link org.openvpp.mv.baseline.Baselines}) from its stored meter history, or, when its history
   * is too short for that method, by {@code fallback}; each result names the method it used.
   *
   * @param baseline the method's name, such as {@code caiso-10in10}
   * @param fallback the method for a site whose history is too short
   */
  public record Measurement(String baseline, String fallback) {
    public Measurement {
      Objects.requireNonNull(baseline, "baseline");
      Objects.requireNonNull(fallback, "fallback");
      for (String m : new String[] {baseline, fallback}) {
        if (org.openvpp.mv.baseline.Baselines.byName(m).isEmpty()) {
          throw new IllegalArgumentException(
              "unknown baseline method '"
                  + m
                  + "'; known: "
                  + org.openvpp.mv.baseline.Baselines.names());
        }
      }
    }

    /** CAISO 10-in-10 with the day-of adjustment, and the day-of mean for a short history. */
    public static Measurement caisoTenInTen() {
      return new Measurement(
          org.openvpp.mv.baseline.CaisoTenInTen.NAME, org.openvpp.mv.baseline.DayOfMean.NAME);
    }
  }

  /**
   * What the buyer of a program's service (the utility, or a market) pays the program: per kWh its
   * participants delivered in an event, and each month per kW of the program's accredited capacity.
   * Both exact; either may be zero.
   *
   * @param perKwh per kWh delivered in an event, as measured
   * @param perKwMonth per kW of accredited capacity, each month
   */
  public record Buyer(org.openvpp.units.Money perKwh, org.openvpp.units.Money perKwMonth) {
    public Buyer {
      Objects.requireNonNull(perKwh, "perKwh");
      Objects.requireNonNull(perKwMonth, "perKwMonth");
      if (perKwh.signum() < 0 || perKwMonth.signum() < 0) {
        throw new IllegalArgumentException(
            "what the buyer pays must not be negative, was " + perKwh + " and " + perKwMonth);
      }
      if (!perKwh.currency().equals(perKwMonth.currency())) {
        throw new IllegalArgumentException(
            "the buyer pays in one currency, got " + perKwh + " and " + perKwMonth);
      }
    }

    /** Pays nothing, in {@code currency}. */
    public static Buyer none(java.util.Currency currency) {
      return new Buyer(
          org.openvpp.units.Money.zero(currency), org.openvpp.units.Money.zero(currency));
    }
  }

  /**
   * A program measured by CAISO 10-in-10 (the day-of mean as fallback) whose buyer pays nothing.
   */
  public Program(
      String id,
      String name,
      ProgramKind kind,
      Set<DeviceKind> eligibleDevices,
      Set<String> regions,
      Power capacityCap,
      int enrolmentCap,
      EventLimits limits,
      Incentives incentives,
      OptOutRules optOut,
      Set<String> conflictsWith) {
    this(
        id,
        name,
        kind,
        eligibleDevices,
        regions,
        capacityCap,
        enrolmentCap,
        limits,
        incentives,
        optOut,
        conflictsWith,
        Measurement.caisoTenInTen(),
        Buyer.none(incentives.currency()));
  }

  public Program {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(capacityCap, "capacityCap");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(incentives, "incentives");
    Objects.requireNonNull(optOut, "optOut");
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(buyer, "buyer");
    if (!buyer.perKwh().currency().equals(incentives.currency())) {
      throw new IllegalArgumentException(
          "program "
              + id
              + " pays in "
              + incentives.currency()
              + "; its buyer must pay in the same currency, not "
              + buyer.perKwh().currency());
    }
    eligibleDevices = Set.copyOf(eligibleDevices);
    regions = Set.copyOf(regions);
    conflictsWith = Set.copyOf(conflictsWith);
    if (eligibleDevices.isEmpty() || regions.isEmpty()) {
      throw new IllegalArgumentException(
          "program " + id + " needs at least one eligible device kind and one region");
    }
    if (capacityCap.watts() <= 0 || enrolmentCap < 1) {
      throw new IllegalArgumentException(
          "program "
              + id
              + " needs a positive capacity cap and enrolment cap, were "
              + capacityCap
              + " and "
              + enrolmentCap);
    }
    if (kind != ProgramKind.LEASED_BATTERY && !incentives.leaseFeeMonth().isZero()) {
      throw new IllegalArgumentException(
          "program " + id + " is " + kind + ": only LEASED_BATTERY programs charge a lease fee");
    }
  }

  /** The same program with {@code m} as its measurement rules. */
  public Program withMeasurement(Measurement m) {
    return new Program(
        id,
        name,
        kind,
        eligibleDevices,
        regions,
        capacityCap,
        enrolmentCap,
        limits,
        incentives,
        optOut,
        conflictsWith,
        m,
        buyer);
  }

  /** The same program with {@code b} as what its buyer pays. */
  public Program withBuyer(Buyer b) {
    return new Program(
        id,
        name,
        kind,
        eligibleDevices,
        regions,
        capacityCap,
        enrolmentCap,
        limits,
        incentives,
        optOut,
        conflictsWith,
        measurement,
        b);
  }

  /** Whether a site in this program may not also be in {@code other}. */
  public boolean conflictsWith(Program other) {
    return conflictsWith.contains(other.id) || other.conflictsWith.contains(id);
  }
}
