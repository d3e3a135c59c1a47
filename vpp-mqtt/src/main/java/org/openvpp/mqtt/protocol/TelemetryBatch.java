package org.openvpp.mqtt.protocol;

import java.util.Objects;

/**
 * The reports of one device cloud's batch ({@code vpp/v1/c/{cloud}/telemetry}) as {@link
 * TelemetryDecoder#decodeBatch} read them: per report, its verdict so far ({@code ACCEPTED}, {@code
 * MISSING} or {@code OUT_OF_RANGE}), where its {@code id} lies in the payload, and its values.
 *
 * <p>Design: parallel arrays of the largest batch, made once and filled again for each message, so
 * reading a batch allocates nothing; the values of a report are meaningful only when its verdict is
 * {@code ACCEPTED}. Threads: one batch per decoder, on the decoder's thread.
 */
public final class TelemetryBatch {

  /** Largest batch payload accepted, in bytes. */
  public static final int MAX_PAYLOAD = 256 * 1024;

  /** Most reports one batch may carry. */
  public static final int MAX_REPORTS = 1_000;

  private static final Verdict[] VERDICTS = Verdict.values();

  private int size;
  private final byte[] verdict = new byte[MAX_REPORTS];
  private final int[] idStart = new int[MAX_REPORTS];
  private final int[] idEnd = new int[MAX_REPORTS];
  private final long[] sequence = new long[MAX_REPORTS];
  private final long[] timestampMillis = new long[MAX_REPORTS];
  private final double[] powerKw = new double[MAX_REPORTS];
  private final double[] storedKwh = new double[MAX_REPORTS];
  private final double[] temperatureC = new double[MAX_REPORTS];
  private final byte[] plug = new byte[MAX_REPORTS];
  private final double[] needKwh = new double[MAX_REPORTS];
  private final long[] readyAtMillis = new long[MAX_REPORTS];

  void clear() {
    size = 0;
  }

  @SuppressWarnings("EnumOrdinal") // a byte per report instead of a reference
  void add(Verdict v, TelemetryDecoder d) {
    int i = size++;
    verdict[i] = (byte) v.ordinal();
    idStart[i] = d.idStart();
    idEnd[i] = d.idEnd();
    if (v == Verdict.ACCEPTED) {
      sequence[i] = d.sequence();
      timestampMillis[i] = d.timestampMillis();
      powerKw[i] = d.powerKw();
      storedKwh[i] = d.storedKwh();
      temperatureC[i] = d.temperatureC();
      plug[i] = (byte) d.plug();
      needKwh[i] = d.needKwh();
      readyAtMillis[i] = d.readyAtMillis();
    }
  }

  /** How many reports the last batch read had (zero when its envelope was refused). */
  public int size() {
    return size;
  }

  /** What the decoder made of report {@code i}: {@code ACCEPTED}, {@code MISSING}, … */
  public Verdict verdict(int i) {
    return VERDICTS[verdict[Objects.checkIndex(i, size)]];
  }

  /** Where report {@code i}'s {@code id} begins in the payload, or -1 when it has none. */
  public int idStart(int i) {
    return idStart[Objects.checkIndex(i, size)];
  }

  /** Where report {@code i}'s {@code id} ends (exclusive) in the payload, or -1. */
  public int idEnd(int i) {
    return idEnd[Objects.checkIndex(i, size)];
  }

  public long sequence(int i) {
    return sequence[Objects.checkIndex(i, size)];
  }

  public long timestampMillis(int i) {
    return timestampMillis[Objects.checkIndex(i, size)];
  }

  public double powerKw(int i) {
    return powerKw[Objects.checkIndex(i, size)];
  }

  /** Energy stored, kWh, or {@code NaN} when not reported. */
  public double storedKwh(int i) {
    return storedKwh[Objects.checkIndex(i, size)];
  }

  /** Temperature, °C, or {@code NaN} when not reported. */
  public double temperatureC(int i) {
    return temperatureC[Objects.checkIndex(i, size)];
  }

  /** 1 plugged in, 0 not, -1 not reported. */
  public int plug(int i) {
    return plug[Objects.checkIndex(i, size)];
  }

  /** Energy the vehicle still needs, kWh, or {@code NaN} when not reported. */
  public double needKwh(int i) {
    return needKwh[Objects.checkIndex(i, size)];
  }

  /** When the vehicle needs it, epoch milliseconds; meaningful only with a need. */
  public long readyAtMillis(int i) {
    return readyAtMillis[Objects.checkIndex(i, size)];
  }
}
