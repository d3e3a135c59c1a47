package org.openvpp.flex;

import java.util.Objects;
import java.util.stream.IntStream;
import org.openvpp.time.Horizon;

/**
 * The envelopes of many devices on one horizon, in primitive arrays indexed by dense device
 * ordinal, and their fast sum.
 *
 * <p>Design: four {@code double[]} of {@code capacity × intervals} values, device-major (the
 * envelope of ordinal {@code d} occupies {@code [d·T, (d+1)·T)}), so one device is written with
 * sequential stores and the sum streams through memory with a vectorisable inner loop over
 * intervals. Large sums split the ordinals into chunks summed in parallel and then combined; the
 * result is the same as adding the envelopes one by one, up to floating-point reassociation.
 *
 * <p>Threads: not safe for concurrent writes; {@link #sum} may run while no writer is active.
 */
public final class EnvelopeBlock {

  private static final int PARALLEL_THRESHOLD = 4_096;
  private static final int CHUNK = 2_048;

  private final Horizon horizon;
  private final int capacity;
  private final int t;
  private final double[] minKw;
  private final double[] maxKw;
  private final double[] minKwh;
  private final double[] maxKwh;

  public EnvelopeBlock(Horizon horizon, int capacity) {
    this.horizon = Objects.requireNonNull(horizon, "horizon");
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
    }
    this.capacity = capacity;
    this.t = horizon.count();
    long cells = (long) capacity * t;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          capacity + " devices × " + t + " intervals exceed one array; split the fleet");
    }
    this.minKw = new double[(int) cells];
    this.maxKw = new double[(int) cells];
    this.minKwh = new double[(int) cells];
    this.maxKwh = new double[(int) cells];
  }

  public Horizon horizon() {
    return horizon;
  }

  public int capacity() {
    return capacity;
  }

  /** Stores the envelope of device {@code ordinal}, replacing what was there. */
  public void set(int ordinal, FlexEnvelope envelope) {
    Objects.checkIndex(ordinal, capacity);
    if (!envelope.horizon().equals(horizon)) {
      throw new IllegalArgumentException(
          "envelope horizon " + envelope.horizon() + " differs from the block's " + horizon);
    }
    int base = ordinal * t;
    for (int i = 0; i < t; i++) {
      minKw[base + i] = envelope.minPower(i).kilowatts();
      maxKw[base + i] = envelope.maxPower(i).kilowatts();
      minKwh[base + i] = envelope.minEnergy(i).kilowattHours();
      maxKwh[base + i] = envelope.maxEnergy(i).kilowattHours();
    }
  }

  /**
   * Stores a device envelope that is the same in every interval's power band and grows linearly in
   * energy up to a floor and ceiling: the shape of a battery. Allocation-free, for bulk loading.
   */
  public void setBatteryShape(
      int ordinal, double downKw, double upKw, double floorKwh, double ceilingKwh) {
    Objects.checkIndex(ordinal, capacity);
    DeviceEnvelopes.fillBatteryShape(
        minKw, maxKw, minKwh, maxKwh, ordinal * t, horizon, downKw, upKw, floorKwh, ceilingKwh);
  }

  /** The sum of the envelopes of ordinals {@code [0, count)}. */
  public FlexEnvelope sum(int count) {
    Objects.checkFromToIndex(0, count, capacity);
    double[][] total;
    if (count < PARALLEL_THRESHOLD) {
      total = new double[4][t];
      addRange(0, count, total);
    } else {
      int chunks = (count + CHUNK - 1) / CHUNK;
      total =
          IntStream.range(0, chunks)
              .parallel()
              .mapToObj(
                  c -> {
                    double[][] partial = new double[4][t];
                    addRange(c * CHUNK, Math.min(count, (c + 1) * CHUNK), partial);
                    return partial;
                  })
              .reduce(EnvelopeBlock::combine)
              .orElseGet(() -> new double[4][t]);
    }
    return FlexEnvelope.of(horizon, total[0], total[1], total[2], total[3]);
  }

  /** The sum of the envelopes of the given ordinals (a group). */
  public FlexEnvelope sum(int[] ordinals) {
    double[][] total = new double[4][t];
    for (int d : ordinals) {
      Objects.checkIndex(d, capacity);
      addRange(d, d + 1, total);
    }
    return FlexEnvelope.of(horizon, total[0], total[1], total[2], total[3]);
  }

  private void addRange(int from, int to, double[][] into) {
    double[] a = into[0];
    double[] b = into[1];
    double[] c = into[2];
    double[] e = into[3];
    for (int d = from; d < to; d++) {
      int base = d * t;
      for (int i = 0; i < t; i++) {
        a[i] += minKw[base + i];
        b[i] += maxKw[base + i];
        c[i] += minKwh[base + i];
        e[i] += maxKwh[base + i];
      }
    }
  }

  private static double[][] combine(double[][] x, double[][] y) {
    for (int k = 0; k < 4; k++) {
      for (int i = 0; i < x[k].length; i++) {
        x[k][i] += y[k][i];
      }
    }
    return x;
  }
}
