package org.openvpp.service.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's present: every domain record (an event, an opt-out, an enrolment, a consent, an
 * audit entry, a reading's arrival) carries it. In production it is the wall clock; when the world
 * is simulated it is the world's time, moved by the control loop as the world's clock ticks ({@link
 * #following}), so records are never a mix of the simulated day and today.
 *
 * <p>Threads: read by any thread; moved by the control loop's only.
 */
public final class ServiceClock extends Clock {
  private final ZoneId zone;
  private final InstantSource wall;
  private final AtomicReference<Instant> present;
  private final boolean follows;

  private ServiceClock(ZoneId zone, InstantSource wall, Instant start, boolean follows) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.wall = wall;
    this.present = new AtomicReference<>(start);
    this.follows = follows;
  }

  /**
   * The wall clock, for a service of real devices, in whole microseconds: the finest time the
   * databases keep (a finer stamp would be refused by the store).
   */
  public static ServiceClock wall(ZoneId zone) {
    return new ServiceClock(
        zone, Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)), Instant.EPOCH, false);
  }

  /** A clock that stands at {@code start} until the control loop moves it ({@link #moveTo}). */
  public static ServiceClock following(Instant start, ZoneId zone) {
    return new ServiceClock(zone, Clock.systemUTC(), start, true);
  }

  @Override
  public Instant instant() {
    return follows ? present.get() : wall.instant();
  }

  /** The zone the service reckons days and months in (its programs' and its prices'). */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** This clock's time, reckoned in {@code other} (the same present). */
  @Override
  public Clock withZone(ZoneId other) {
    ServiceClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return other;
      }

      @Override
      public Clock withZone(ZoneId z) {
        return self.withZone(z);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  /** Whether this clock follows a world's time instead of the wall's. */
  public boolean follows() {
    return follows;
  }

  /**
   * Moves a following clock to {@code at}; never backwards.
   *
   * @throws IllegalStateException for the wall clock, or a move backwards
   */
  public void moveTo(Instant at) {
    if (!follows) {
      throw new IllegalStateException("the wall clock moves by itself");
    }
    Instant before = present.getAndUpdate(p -> at.isBefore(p) ? p : at);
    if (at.isBefore(before)) {
      throw new IllegalStateException(
          "the service's clock does not go back: it is " + before + ", asked to move to " + at);
    }
  }
}
