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
    Set<String> conflictsWith) {

  public Program {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(capacityCap, "capacityCap");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(incentives, "incentives");
    Objects.requireNonNull(optOut, "optOut");
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

  /** Whether a site in this program may not also be in {@code other}. */
  public boolean conflictsWith(Program other) {
    return conflictsWith.contains(other.id) || other.conflictsWith.contains(id);
  }
}
