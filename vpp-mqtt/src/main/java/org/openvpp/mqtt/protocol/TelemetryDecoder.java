package org.openvpp.mqtt.protocol;

/**
 * Decodes and validates a telemetry payload of protocol version 1, allocation-free.
 *
 * <p>Design: the payload is a flat JSON object of at most {@link Topics#MAX_PAYLOAD} bytes with a
 * fixed, small set of keys, so instead of a general JSON library this is a strict one-pass reader
 * of exactly that grammar (RFC 8259 whitespace, numbers, {@code true}/{@code false}; no strings,
 * nesting, {@code null} or escapes are legal here). Keys are matched by their bytes; a repeated or
 * unknown key is malformed. Numbers of up to 15 significant digits without exponent are converted
 * exactly (Clinger's fast path: an exact integer mantissa divided by an exact power of ten rounds
 * correctly); others fall back to {@link Double#parseDouble}.
 *
 * <p>A device cloud's batch ({@link #decodeBatch}) is an envelope around such objects: each report
 * is read by the same code, which then stops at its closing brace instead of the payload's end, and
 * its values are copied into a {@link TelemetryBatch}; so a batch is read in one pass without
 * allocating either, and a report in a batch is judged exactly as it would be alone.
 *
 * <p>After {@link #decode} returns {@link Verdict#ACCEPTED}, the fields hold the message; a decoder
 * is reused message after message. Threads: one decoder per thread.
 */
public final class TelemetryDecoder {

  /** Largest magnitude of power accepted, kW. */
  public static final double MAX_POWER_KW = 1_000;

  private static final long MAX_SEQ = 1L << 53;

  /** How far after the measurement a ready-by time may lie: a week. */
  public static final long MAX_READY_AHEAD_MILLIS = 7L * 24 * 3_600_000;

  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  // Keys, and the bit each sets once seen.
  private static final byte[] K_V = {'v'};
  private static final byte[] K_SEQ = {'s', 'e', 'q'};
  private static final byte[] K_TS = {'t', 's'};
  private static final byte[] K_P = {'p', '_', 'k', 'w'};
  private static final byte[] K_E = {'e', '_', 'k', 'w', 'h'};
  private static final byte[] K_T = {'t', '_', 'c'};
  private static final byte[] K_PLUG = {'p', 'l', 'u', 'g'};
  private static final byte[] K_NEED = {'n', 'e', 'e', 'd', '_', 'k', 'w', 'h'};
  private static final byte[] K_READY = {'r', 'e', 'a', 'd', 'y', '_', 't', 's'};
  private static final byte[] K_ID = {'i', 'd'};
  private static final byte[] K_REPORTS = {'r', 'e', 'p', 'o', 'r', 't', 's'};
  private static final int V = 1;
  private static final int SEQ = 2;
  private static final int TS = 4;
  private static final int P = 8;
  private static final int E = 16;
  private static final int T = 32;
  private static final int PLUG = 64;
  private static final int NEED = 128;
  private static final int READY = 256;
  // Only in a batch: a report's device, and the envelope's array.
  private static final int ID = 512;
  private static final int REPORTS = 1024;
  private static final int REQUIRED = V | SEQ | TS | P;
  private static final int REQUIRED_IN_BATCH = ID | SEQ | TS | P;

  private byte[] buf = new byte[0];
  private int pos;
  private int end;
  private boolean malformed;

  // The message, valid after ACCEPTED.
  private long sequence;
  private long timestampMillis;
  private double powerKw;
  private double storedKwh;
  private double temperatureC;
  private int plug;
  private double needKwh;
  private long readyAtMillis;
  private int idStart = -1;
  private int idEnd = -1;

  /**
   * Decodes {@code payload[offset, offset + length)}.
   *
   * @return {@link Verdict#ACCEPTED}, or {@code OVERSIZED}, {@code MALFORMED}, {@code MISSING},
   *     {@code OUT_OF_RANGE}
   */
  public Verdict decode(byte[] payload, int offset, int length) {
    if (length > Topics.MAX_PAYLOAD) {
      return Verdict.OVERSIZED;
    }
    buf = payload;
    pos = offset;
    end = offset + length;
    skipSpace();
    return object(false);
  }

  /**
   * Decodes a device cloud's batch, {@code {"v":1,"reports":[{"id":…,"seq":…,…},…]}}, from {@code
   * payload[offset, offset + length)} into {@code into}: each report is read by the same grammar
   * and checks as a single message, with an {@code id} and an optional {@code v}. The envelope is
   * judged whole (a syntax error anywhere, an unknown or repeated key in a report, a wrong type,
   * more than {@link TelemetryBatch#MAX_REPORTS} reports: nothing of it is kept), each report on
   * its own ({@code MISSING}, {@code OUT_OF_RANGE}: that report only).
   *
   * @return {@link Verdict#ACCEPTED} when the envelope is sound ({@code into} then holds each
   *     report's verdict and values), or why the whole message is refused: {@code OVERSIZED},
   *     {@code MALFORMED}, {@code MISSING} ({@code v} or {@code reports}), {@code OUT_OF_RANGE}
   *     ({@code v} not 1, no report, too many)
   */
  public Verdict decodeBatch(byte[] payload, int offset, int length, TelemetryBatch into) {
    into.clear();
    if (length > TelemetryBatch.MAX_PAYLOAD) {
      return Verdict.OVERSIZED;
    }
    buf = payload;
    pos = offset;
    end = offset + length;
    Verdict v = envelope(into);
    if (v != Verdict.ACCEPTED) {
      into.clear();
    }
    return v;
  }

  /** Reads a batch's envelope and, within it, its reports. */
  private Verdict envelope(TelemetryBatch into) {
    skipSpace();
    if (!take('{')) {
      return Verdict.MALFORMED;
    }
    boolean seenVersion = false;
    boolean seenReports = false;
    double version = Double.NaN;
    skipSpace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipSpace();
        int key = key();
        if (key == V && !seenVersion) {
          seenVersion = true;
        } else if (key == REPORTS && !seenReports) {
          seenReports = true;
        } else {
          return Verdict.MALFORMED;
        }
        skipSpace();
        if (!take(':')) {
          return Verdict.MALFORMED;
        }
        skipSpace();
        if (key == V) {
          malformed = false;
          version = number();
          if (malformed) {
            return Verdict.MALFORMED;
          }
        } else {
          Verdict r = reports(into);
          if (r != Verdict.ACCEPTED) {
            return r;
          }
        }
        skipSpace();
        if (take(',')) {
          continue;
        }
        if (take('}')) {
          break;
        }
        return Verdict.MALFORMED;
      }
    }
    skipSpace();
    if (pos != end) {
      return Verdict.MALFORMED;
    }
    if (!seenVersion || !seenReports) {
      return Verdict.MISSING;
    }
    if (version != 1 || into.size() == 0) {
      return Verdict.OUT_OF_RANGE;
    }
    return Verdict.ACCEPTED;
  }

  /** Reads the array of a batch's reports, each into {@code into}. */
  private Verdict reports(TelemetryBatch into) {
    if (!take('[')) {
      return Verdict.MALFORMED;
    }
    skipSpace();
    if (take(']')) {
      return Verdict.ACCEPTED;
    }
    while (true) {
      skipSpace();
      if (into.size() == TelemetryBatch.MAX_REPORTS) {
        return Verdict.OUT_OF_RANGE;
      }
      Verdict v = object(true);
      if (v == Verdict.MALFORMED) {
        return v;
      }
      into.add(v, this);
      skipSpace();
      if (take(',')) {
        continue;
      }
      if (take(']')) {
        return Verdict.ACCEPTED;
      }
      return Verdict.MALFORMED;
    }
  }

  /**
   * Reads one report object at {@link #pos}. Alone ({@code inBatch} false), it must be the whole
   * payload, with {@code v}; in a batch it ends at its closing brace, takes an {@code id}, and
   * {@code v} is optional. Syntax is judged before presence and ranges, so a payload cut short is
   * malformed, not missing a key.
   */
  private Verdict object(boolean inBatch) {
    malformed = false;
    storedKwh = Double.NaN;
    temperatureC = Double.NaN;
    plug = -1;
    needKwh = Double.NaN;
    readyAtMillis = 0;
    idStart = -1;
    idEnd = -1;
    double ready = Double.NaN;
    int seen = 0;
    double version = Double.NaN;
    double seq = Double.NaN;
    double ts = Double.NaN;
    if (!take('{')) {
      return Verdict.MALFORMED;
    }
    skipSpace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipSpace();
        int key = key();
        if (key == 0 || (key > READY && (key != ID || !inBatch)) || (seen & key) != 0) {
          return Verdict.MALFORMED;
        }
        seen |= key;
        skipSpace();
        if (!take(':')) {
          return Verdict.MALFORMED;
        }
        skipSpace();
        if (key == PLUG) {
          int b = bool();
          if (b < 0) {
            return Verdict.MALFORMED;
          }
          plug = b;
        } else if (key == ID) {
          if (!idString()) {
            return Verdict.MALFORMED;
          }
        } else {
          double x = number();
          if (malformed) {
            return Verdict.MALFORMED;
          }
          switch (key) {
            case V -> version = x;
            case SEQ -> seq = x;
            case TS -> ts = x;
            case P -> powerKw = x;
            case E -> storedKwh = x;
            case NEED -> needKwh = x;
            case READY -> ready = x;
            default -> temperatureC = x;
          }
        }
        skipSpace();
        if (take(',')) {
          continue;
        }
        if (take('}')) {
          break;
        }
        return Verdict.MALFORMED;
      }
    }
    if (!inBatch) {
      skipSpace();
      if (pos != end) {
        return Verdict.MALFORMED;
      }
    }
    int required = inBatch ? REQUIRED_IN_BATCH : REQUIRED;
    if ((seen & required) != required) {
      return Verdict.MISSING;
    }
    if ((seen & V) != 0 && version != 1) {
      return Verdict.OUT_OF_RANGE;
    }
    if (!(seq >= 0 && seq <= MAX_SEQ && seq == Math.rint(seq))) {
      return Verdict.OUT_OF_RANGE;
    }
    if (!(ts >= 0 && ts <= 1e15 && ts == Math.rint(ts))) {
      return Verdict.OUT_OF_RANGE;
    }
    if (!(Math.abs(powerKw) <= MAX_POWER_KW)) {
      return Verdict.OUT_OF_RANGE;
    }
    if ((seen & E) != 0 && !(storedKwh >= 0 && storedKwh <= 10_000)) {
      return Verdict.OUT_OF_RANGE;
    }
    if ((seen & T) != 0 && !(temperatureC >= -50 && temperatureC <= 150)) {
      return Verdict.OUT_OF_RANGE;
    }
    // A charging need comes whole: the energy and when it is wanted, after the measurement.
    if (((seen & NEED) != 0) != ((seen & READY) != 0)) {
      return Verdict.MISSING;
    }
    if ((seen & NEED) != 0) {
      if (!(needKwh >= 0 && needKwh <= 10_000)) {
        return Verdict.OUT_OF_RANGE;
      }
      if (!(ready >= ts && ready <= ts + MAX_READY_AHEAD_MILLIS && ready == Math.rint(ready))) {
        return Verdict.OUT_OF_RANGE;
      }
      readyAtMillis = (long) ready;
    }
    sequence = (long) seq;
    timestampMillis = (long) ts;
    return Verdict.ACCEPTED;
  }

  /**
   * Reads a batch report's {@code id}: a string without escapes or control characters (no device id
   * has either), whose bounds are kept; false when there is none.
   */
  private boolean idString() {
    if (!take('"')) {
      return false;
    }
    int start = pos;
    while (pos < end && buf[pos] != '"') {
      if (buf[pos] == '\\' || (buf[pos] & 0xff) < 0x20) {
        return false;
      }
      pos++;
    }
    if (pos >= end) {
      return false;
    }
    idStart = start;
    idEnd = pos;
    pos++;
    return true;
  }

  /** {@link #decode(byte[], int, int)} of a whole array. */
  public Verdict decode(byte[] payload) {
    return decode(payload, 0, payload.length);
  }

  public long sequence() {
    return sequence;
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public double powerKw() {
    return powerKw;
  }

  /** Energy stored, kWh, or {@code NaN} when not reported. */
  public double storedKwh() {
    return storedKwh;
  }

  /** Temperature, °C, or {@code NaN} when not reported. */
  public double temperatureC() {
    return temperatureC;
  }

  /** 1 plugged in, 0 not, -1 not reported. */
  public int plug() {
    return plug;
  }

  /** Energy the vehicle still needs, kWh at the charger, or {@code NaN} when not reported. */
  public double needKwh() {
    return needKwh;
  }

  /** When the vehicle needs it, epoch milliseconds; meaningful only with a need. */
  public long readyAtMillis() {
    return readyAtMillis;
  }

  /** Where a batch report's {@code id} begins in the payload, or -1 when it has none. */
  int idStart() {
    return idStart;
  }

  /** Where a batch report's {@code id} ends (exclusive) in the payload, or -1. */
  int idEnd() {
    return idEnd;
  }

  // --- the grammar -------------------------------------------------------------------------

  private int peek() {
    return pos < end ? buf[pos] : -1;
  }

  private boolean take(char c) {
    if (pos < end && buf[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < end) {
      byte b = buf[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      pos++;
    }
  }

  /** Reads a quoted key and returns its bit, or 0 for a malformed or unknown key. */
  private int key() {
    if (!take('"')) {
      return 0;
    }
    int start = pos;
    while (pos < end && buf[pos] != '"') {
      if (buf[pos] == '\\' || (buf[pos] & 0xff) < 0x20) {
        return 0;
      }
      pos++;
    }
    if (pos >= end) {
      return 0;
    }
    int len = pos - start;
    pos++;
    if (is(K_V, start, len)) {
      return V;
    } else if (is(K_SEQ, start, len)) {
      return SEQ;
    } else if (is(K_TS, start, len)) {
      return TS;
    } else if (is(K_P, start, len)) {
      return P;
    } else if (is(K_E, start, len)) {
      return E;
    } else if (is(K_T, start, len)) {
      return T;
    } else if (is(K_PLUG, start, len)) {
      return PLUG;
    } else if (is(K_NEED, start, len)) {
      return NEED;
    } else if (is(K_READY, start, len)) {
      return READY;
    } else if (is(K_ID, start, len)) {
      return ID;
    } else if (is(K_REPORTS, start, len)) {
      return REPORTS;
    }
    return 0;
  }

  private boolean is(byte[] key, int start, int len) {
    if (len != key.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (buf[start + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code true} or {@code false}: 1, 0, or -1 when neither. */
  private int bool() {
    if (matches("true")) {
      pos += 4;
      return 1;
    }
    if (matches("false")) {
      pos += 5;
      return 0;
    }
    return -1;
  }

  private boolean matches(String word) {
    if (end - pos < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (buf[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Reads a JSON number (RFC 8259 grammar); sets {@link #malformed} when there is none. */
  private double number() {
    int start = pos;
    boolean negative = take('-');
    int digitsStart = pos;
    long mantissa = 0;
    int digits = 0;
    // Integer part: 0, or a non-zero digit followed by digits.
    if (peek() == '0') {
      pos++;
      digits = 1;
    } else {
      while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (buf[pos] - '0');
        }
        digits++;
        pos++;
      }
    }
    if (pos == digitsStart) {
      malformed = true;
      return Double.NaN;
    }
    int fraction = 0;
    if (take('.')) {
      int fracStart = pos;
      while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (buf[pos] - '0');
          fraction++;
        }
        digits++;
        pos++;
      }
      if (pos == fracStart) {
        malformed = true;
        return Double.NaN;
      }
    }
    boolean exponent = false;
    if (peek() == 'e' || peek() == 'E') {
      exponent = true;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      int expStart = pos;
      while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
        pos++;
      }
      if (pos == expStart) {
        malformed = true;
        return Double.NaN;
      }
    }
    if (!exponent && digits <= 15) {
      double v = fraction == 0 ? (double) mantissa : mantissa / POW10[fraction];
      return negative ? -v : v;
    }
    // Rare: long or exponent forms. The bytes are ASCII digits and signs, checked above.
    return Double.parseDouble(
        new String(buf, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII));
  }
}
