package org.openvpp.forecast;

import java.time.Instant;
import java.util.Arrays;
import org.openvpp.twin.TwinStore;

/**
 * How often each device is offline, from samples of its twin over time (for example one per control
 * step): per device, offline samples over samples, shrunk towards the fleet's rate by {@code prior}
 * pseudo-samples, so a device seen a few times is not judged on them alone: {@code (offline_i +
 * prior·fleet) / (samples_i + prior)}.
 *
 * <p>Mutable; confine to the twins' thread.
 */
public final class OfflineRate {
  private final double prior;
  private int[] samples = new int[0];
  private int[] offline = new int[0];
  private long fleetSamples;
  private long fleetOffline;

  /**
   * @param prior pseudo-samples of the fleet's rate added to each device, ≥ 0
   */
  public OfflineRate(double prior) {
    if (!(prior >= 0) || !Double.isFinite(prior)) {
      throw new IllegalArgumentException("prior must be >= 0 and finite, was " + prior);
    }
    this.prior = prior;
  }

  /** Records one observation of device {@code ordinal}. */
  public void observe(int ordinal, boolean online) {
    if (ordinal < 0) {
      throw new IndexOutOfBoundsException("ordinal must not be negative, was " + ordinal);
    }
    if (ordinal >= samples.length) {
      int size = Math.max(ordinal + 1, samples.length * 2);
      samples = Arrays.copyOf(samples, size);
      offline = Arrays.copyOf(offline, size);
    }
    samples[ordinal]++;
    fleetSamples++;
    if (!online) {
      offline[ordinal]++;
      fleetOffline++;
    }
  }

  /** Records whether every device of {@code twins} is online at {@code now}. */
  public void sample(TwinStore twins, Instant now) {
    for (int d = 0; d < twins.size(); d++) {
      observe(d, twins.isOnline(d, now));
    }
  }

  /** The fleet's offline rate over all samples; 0 before any. */
  public double fleetRate() {
    return fleetSamples == 0 ? 0 : (double) fleetOffline / fleetSamples;
  }

  /** The offline rate of device {@code ordinal}; the fleet's when it has no samples. */
  public double rate(int ordinal) {
    int n = ordinal < samples.length ? samples[ordinal] : 0;
    int off = ordinal < offline.length ? offline[ordinal] : 0;
    if (n + prior == 0) {
      return fleetRate();
    }
    return (off + prior * fleetRate()) / (n + prior);
  }
}
