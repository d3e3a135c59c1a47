package org.openvpp.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for simulations that runs faster than real time, or only when moved.
 *
 * <p>Two kinds, one type:
 *
 * <ul>
 *   <li>{@link #stepped(Instant, ZoneId)}: time stands still until {@link #advance(Duration)} moves
 *       it. Headless runs and tests use it, so a simulated day takes only as long as the work.
 *   <li>{@link #scaled(Instant, double, Clock, ZoneId)}: time runs at {@code speed} times a source
 *       clock (normally the system clock) from a chosen start; a live demo uses it.
 * </ul>
 *
 * <p>Threads: safe for any number of readers; {@link #advance} is atomic, and any thread may call
 * it, but a simulation normally has one thread that moves time.
 */
public final class SimulationClock extends Clock {

  private final ZoneId zone;
  // stepped: the current instant in nanoseconds since the epoch.
  private final AtomicLong nanos;
  // scaled: time runs at speed × (source - sourceStart) past nanos.
  private final Clock source;
  private final Instant sourceStart;
  private final double speed;
  private final boolean isScaled;

  private SimulationClock(
      ZoneId zone,
      AtomicLong nanos,
      Clock source,
      Instant sourceStart,
      double speed,
      boolean scaled) {
    this.zone = zone;
    this.nanos = nanos;
    this.source = source;
    this.sourceStart = sourceStart;
    this.speed = speed;
    this.isScaled = scaled;
  }

  /** A clock standing at {@code start} until {@link #advance} moves it. */
  public static SimulationClock stepped(Instant start, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return new SimulationClock(
        zone, new AtomicLong(toNanos(start)), Clock.systemUTC(), Instant.EPOCH, 0, false);
  }

  /**
   * A clock that starts at {@code start} now and runs {@code speed} times as fast as {@code
   * source}.
   */
  public static SimulationClock scaled(Instant start, double speed, Clock source, ZoneId zone) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(zone, "zone");
    if (!(speed > 0) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive number, was " + speed);
    }
    return new SimulationClock(
        zone, new AtomicLong(toNanos(start)), source, source.instant(), speed, true);
  }

  /** Moves a stepped clock forward; refused on a scaled clock, whose time runs by itself. */
  public Instant advance(Duration by) {
    if (isScaled) {
      throw new IllegalStateException("a scaled clock runs by itself; it cannot be advanced");
    }
    if (by.isNegative()) {
      throw new IllegalArgumentException("time cannot move backwards, asked to advance " + by);
    }
    return fromNanos(nanos.addAndGet(by.toNanos()));
  }

  public boolean isScaled() {
    return isScaled;
  }

  /** How many simulated seconds pass per second of the source clock (0 for a stepped clock). */
  public double speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    if (!isScaled) {
      return fromNanos(nanos.get());
    }
    long realNanos = Duration.between(sourceStart, source.instant()).toNanos();
    return fromNanos(nanos.get() + (long) (realNanos * speed));
  }

  /** The current time in milliseconds, without making an {@link Instant}. */
  @Override
  public long millis() {
    if (!isScaled) {
      return Math.floorDiv(nanos.get(), 1_000_000L);
    }
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    // The same time seen from another zone: both clocks share one counter.
    return new SimulationClock(newZone, nanos, source, sourceStart, speed, isScaled);
  }

  private static long toNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  private static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
