package org.openvpp.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;

/**
 * The commands of one dispatch step as plain numbers: per command the device's ordinal in the twin
 * store, its setpoint in kW (load convention) and its sequence number; one issue time and one
 * expiry for the whole batch. What {@link Dispatcher#step(Instant, org.openvpp.units.Power, int[],
 * java.time.Duration, Setpoints)} fills, so that a fleet-wide step makes no object per device; a
 * sender turns entries into messages (or {@link Command}s) at the edge where they leave.
 *
 * <p>Reusable: each step overwrites it, growing the arrays when needed and never shrinking them. An
 * entry is valid until the next step that fills the batch.
 *
 * <p>Threads: not thread-safe; owned by the control loop's thread like the dispatcher.
 */
public final class Setpoints {

  private int[] ordinals;
  private double[] kilowatts;
  private int size;
  private long firstSequence;
  private long issuedMillis;
  private long expiresMillis;

  /** An empty batch. */
  public Setpoints() {
    this(16);
  }

  /**
   * An empty batch with room for {@code capacity} commands before it grows.
   *
   * @throws IllegalArgumentException when {@code capacity} is negative
   */
  public Setpoints(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
    }
    ordinals = new int[capacity];
    kilowatts = new double[capacity];
  }

  /** The number of commands in the batch. */
  public int size() {
    return size;
  }

  /** The twin-store ordinal of the device of command {@code i}. */
  public int ordinal(int i) {
    Objects.checkIndex(i, size);
    return ordinals[i];
  }

  /** The setpoint of command {@code i}, in kW, load convention. */
  public double kilowatts(int i) {
    Objects.checkIndex(i, size);
    return kilowatts[i];
  }

  /** The sequence number of command {@code i}: the batch's commands are numbered consecutively. */
  public long sequence(int i) {
    Objects.checkIndex(i, size);
    return firstSequence + i;
  }

  /** When the batch's commands were issued, in epoch milliseconds. */
  public long issuedMillis() {
    return issuedMillis;
  }

  /** When the batch's commands stop applying, in epoch milliseconds. */
  public long expiresMillis() {
    return expiresMillis;
  }

  /**
   * The batch as {@link Command}s, one object per entry, for the devices of {@code twins}: the
   * convenient form for small groups and tests; a fleet-wide sender takes the entries instead.
   */
  public List<Command> commands(TwinStore twins) {
    Instant issued = Instant.ofEpochMilli(issuedMillis);
    Instant expires = Instant.ofEpochMilli(expiresMillis);
    List<Command> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(
          new Command(
              twins.device(ordinals[i]).id(),
              firstSequence + i,
              Power.ofKilowatts(kilowatts[i]),
              issued,
              expires));
    }
    return out;
  }

  /** Empties the batch for a step issued at {@code issuedMillis}. */
  void reset(long issuedMillis, long expiresMillis, long firstSequence) {
    this.size = 0;
    this.issuedMillis = issuedMillis;
    this.expiresMillis = expiresMillis;
    this.firstSequence = firstSequence;
  }

  /** Makes sure {@code n} commands fit without growing within a step. */
  void ensureCapacity(int n) {
    if (n > ordinals.length) {
      int c = Math.max(n, ordinals.length + (ordinals.length >> 1));
      ordinals = Arrays.copyOf(ordinals, c);
      kilowatts = Arrays.copyOf(kilowatts, c);
    }
  }

  /** Appends a command; room must have been made with {@link #ensureCapacity}. */
  void add(int ordinal, double kw) {
    ordinals[size] = ordinal;
    kilowatts[size] = kw;
    size++;
  }
}
