package org.openvpp.server.run;

import java.time.Duration;
import java.time.Instant;
import org.openvpp.time.SimulationClock;

/**
 * Brings a simulation clock to an instant: a stepped clock is moved there (a run as fast as its
 * work allows), a scaled clock is waited for (a live run at its speed).
 *
 * <p>Waiting for a scaled clock is the one place a run sleeps: a live demo must follow real time.
 * It sleeps in slices of at most 250 ms so an interrupt ends it promptly. Tests and headless runs
 * use stepped clocks and never get here.
 */
public final class Pacer {
  private Pacer() {}

  /**
   * Moves {@code clock} to {@code t}, or waits until it gets there.
   *
   * @throws IllegalStateException when the waiting thread is interrupted
   */
  public static void reach(SimulationClock clock, Instant t) {
    if (!clock.isScaled()) {
      Duration ahead = Duration.between(clock.instant(), t);
      if (!ahead.isNegative()) {
        clock.advance(ahead);
      }
      return;
    }
    while (clock.instant().isBefore(t)) {
      long realMillis = (long) (Duration.between(clock.instant(), t).toMillis() / clock.speed());
      try {
        Thread.sleep(Math.max(1, Math.min(realMillis, 250)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the simulation clock", e);
      }
    }
  }
}
