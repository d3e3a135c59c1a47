package org.openvpp.service.control;

import java.time.Duration;
import java.util.Objects;

/**
 * What the control loop assumes of the devices it commands, and its own periods. The devices'
 * delays are the operator's expectation of the field (a configuration), never read from a
 * simulator: how long a command takes to act ({@code commandLag}) and how late telemetry arrives
 * ({@code telemetryDelay}).
 *
 * @param step the control step (one minute)
 * @param interval the metering and planning interval (15 minutes)
 * @param commandLag the longest a device takes to act on a command
 * @param telemetryDelay the longest a report takes to arrive
 * @param replanEvery how often a program's day is planned again (a multiple of the interval);
 *     events and new prices plan again at once
 */
public record Tuning(
    Duration step,
    Duration interval,
    Duration commandLag,
    Duration telemetryDelay,
    Duration replanEvery) {

  public Tuning {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(commandLag, "commandLag");
    Objects.requireNonNull(telemetryDelay, "telemetryDelay");
    Objects.requireNonNull(replanEvery, "replanEvery");
    if (!step.isPositive() || interval.toSeconds() % step.toSeconds() != 0) {
      throw new IllegalArgumentException(
          "the interval " + interval + " must be a whole number of steps " + step);
    }
    if (commandLag.isNegative() || telemetryDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (replanEvery.toSeconds() % interval.toSeconds() != 0 || !replanEvery.isPositive()) {
      throw new IllegalArgumentException(
          "plans are made every whole number of intervals, was " + replanEvery);
    }
  }

  /** One-minute steps, 15-minute intervals, a minute of command lag, 45 s of telemetry delay. */
  public static Tuning defaults() {
    return new Tuning(
        Duration.ofMinutes(1),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        Duration.ofSeconds(45),
        Duration.ofMinutes(15));
  }

  long lagSteps() {
    return (long) Math.ceil(commandLag.toSeconds() / (double) step.toSeconds());
  }

  long delaySteps() {
    return (long) Math.ceil(telemetryDelay.toSeconds() / (double) step.toSeconds());
  }

  /** How far ahead a target is looked up: the command lag, at least a step. */
  Duration lead() {
    return step.multipliedBy(Math.max(1, lagSteps()));
  }

  /** How long a device may take before it is judged: lag, delay and a step. */
  Duration response() {
    return step.multipliedBy(Math.max(2, lagSteps() + delaySteps() + 1));
  }

  /** How far behind the device the twins may be. */
  Duration lag() {
    return step.multipliedBy(Math.max(1, lagSteps() + delaySteps()));
  }

  /** How long a command holds. */
  Duration ttl() {
    return step.multipliedBy(5);
  }
}
