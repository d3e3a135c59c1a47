package org.openvpp.mqtt.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;

/**
 * Site meter readings over MQTT, protocol version 1 (added 2026-12; {@code
 * docs/schemas/meter-reading.schema.json}, {@code meter-receipt.schema.json}): a meter's interval
 * readings, and the gateway's receipt for them.
 *
 * <pre>
 * {"v":1,"readings":[{"start":1565913600000,"dur_s":900,"imp_kwh":0.42,"exp_kwh":0.0}, …]}
 * {"v":1,"accepted":95,"refused":[{"i":3,"start":1565916300000,"reason":"duplicate"}]}
 * {"v":1,"error":"malformed","message":"…"}
 * </pre>
 *
 * <p>Decoding is strict and judges at two levels. The message as a whole is refused, none of its
 * readings kept, when it is not of the protocol's shape: over {@link #MAX_PAYLOAD} bytes, not JSON,
 * an unknown or repeated key anywhere, a value of the wrong type ({@code malformed}); {@code v} or
 * {@code readings} absent ({@code missing}); {@code v} not 1, no readings or more than {@link
 * #MAX_READINGS} ({@code out_of_range}). Otherwise each reading is judged on its own, the first
 * reason that applies: a key absent ({@code missing}), energy below zero ({@code negative}), a
 * length other than 5, 15, 30 or 60 minutes, a start off its length's grid or energy over 10,000
 * kWh ({@code out_of_range}), the same start as an earlier reading of the message ({@code
 * duplicate}: the first stays).
 *
 * <p>Energies travel as kWh with at most six decimals (a milliwatt-hour); the encoder rounds to
 * that, so what it writes reads back as the same reading to that resolution.
 */
public final class MeterReadingCodec {

  /** Largest meter message accepted, in bytes. */
  public static final int MAX_PAYLOAD = 64 * 1024;

  /** Most readings one message may carry. */
  public static final int MAX_READINGS = 1_000;

  /** Latest start a reading may name, milliseconds since the epoch: the end of year 9999. */
  private static final double MAX_START = 253_402_300_799_999d;

  private static final Set<String> KEYS = Set.of("v", "readings");
  private static final Set<String> READING_KEYS = Set.of("start", "dur_s", "imp_kwh", "exp_kwh");
  private static final Set<String> RECEIPT_KEYS = Set.of("v", "accepted", "refused");
  private static final Set<String> ERROR_KEYS = Set.of("v", "error", "message");
  private static final Set<String> REFUSAL_KEYS = Set.of("i", "start", "reason", "message");
  private static final int MAX_MESSAGE = 200;

  private MeterReadingCodec() {}

  /**
   * Why one reading of a message was not kept.
   *
   * @param index its position in the message's {@code readings}, from 0
   * @param start its start, when the message gave a valid one
   * @param verdict the reason (never {@code ACCEPTED})
   * @param message what was wrong, for people; may be empty
   */
  public record Refusal(
      int index, Optional<Instant> start, ReadingVerdict verdict, String message) {
    public Refusal {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(message, "message");
      if (index < 0 || index >= MAX_READINGS) {
        throw new IllegalArgumentException(
            "a reading's index is 0.." + (MAX_READINGS - 1) + ", was " + index);
      }
      if (verdict == ReadingVerdict.ACCEPTED) {
        throw new IllegalArgumentException("a refusal needs a reason other than accepted");
      }
    }
  }

  /**
   * A decoded meter message.
   *
   * @param verdict {@code ACCEPTED} when the message as a whole was read ({@code readings} and
   *     {@code refusals} then say what became of each reading), else why it was refused whole
   * @param problem what was wrong with the whole message, for the log and the receipt; empty when
   *     accepted
   * @param readings the readings kept, in the message's order, with the topic's meter id
   * @param indexes the position in the message of each reading kept
   * @param refusals the readings not kept and why, in the message's order
   */
  public record Decoded(
      ReadingVerdict verdict,
      String problem,
      List<MeterReading> readings,
      List<Integer> indexes,
      List<Refusal> refusals) {
    public Decoded {
      readings = List.copyOf(readings);
      indexes = List.copyOf(indexes);
      refusals = List.copyOf(refusals);
      if (readings.size() != indexes.size()) {
        throw new IllegalArgumentException("one index per reading kept");
      }
    }

    static Decoded refused(ReadingVerdict verdict, String problem) {
      return new Decoded(verdict, problem, List.of(), List.of(), List.of());
    }
  }

  /**
   * The gateway's answer to a meter message, on the meter's receipt topic.
   *
   * <p>{@link Counted}: the message was read; {@code accepted} readings are kept, the {@code
   * refused} ones are not, with why. {@link Failed}: the message was refused whole, none of its
   * readings kept.
   */
  public sealed interface Receipt permits Receipt.Counted, Receipt.Failed {

    /**
     * The message was read.
     *
     * @param accepted how many of the message's readings the service keeps
     * @param refused the others and why, by their position in the message
     */
    record Counted(int accepted, List<Refusal> refused) implements Receipt {
      public Counted {
        refused = List.copyOf(refused);
        if (accepted < 0 || accepted + refused.size() > MAX_READINGS) {
          throw new IllegalArgumentException(
              "a receipt counts 0.." + MAX_READINGS + " readings, was " + accepted + " accepted");
        }
      }
    }

    /**
     * The message was refused whole.
     *
     * @param error why the whole message was refused ({@code malformed}, {@code missing}, …)
     * @param message what was wrong, for people
     */
    record Failed(ReadingVerdict error, String message) implements Receipt {
      public Failed {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        if (error == ReadingVerdict.ACCEPTED) {
          throw new IllegalArgumentException("a failed receipt needs a reason other than accepted");
        }
      }
    }
  }

  /**
   * A decoded receipt, or why it could not be.
   *
   * @param receipt the receipt, when it is one of the protocol's
   * @param problem what was wrong; empty when decoded
   */
  public record ReceiptResult(Optional<Receipt> receipt, String problem) {}

  // --- readings ----------------------------------------------------------------------------

  /**
   * The payload of {@code readings}, all of one meter (whose id is in the topic, not here).
   *
   * @throws IllegalArgumentException when there are none or more than {@link #MAX_READINGS}, they
   *     are of several meters, or they take more than {@link #MAX_PAYLOAD} bytes: split them over
   *     several messages
   */
  public static byte[] encode(List<MeterReading> readings) {
    if (readings.isEmpty() || readings.size() > MAX_READINGS) {
      throw new IllegalArgumentException(
          "a meter message carries 1 to "
              + MAX_READINGS
              + " readings, was "
              + readings.size()
              + ": split them over several messages");
    }
    String meter = readings.get(0).meterId();
    StringBuilder sb = new StringBuilder(64 * readings.size()).append("{\"v\":1,\"readings\":[");
    for (int i = 0; i < readings.size(); i++) {
      MeterReading r = readings.get(i);
      if (!r.meterId().equals(meter)) {
        throw new IllegalArgumentException(
            "one message carries one meter's readings, found " + meter + " and " + r.meterId());
      }
      sb.append(i == 0 ? "{" : ",{")
          .append("\"start\":")
          .append(r.start().toEpochMilli())
          .append(",\"dur_s\":")
          .append(r.length().toSeconds())
          .append(",\"imp_kwh\":")
          .append(kwh(r.imported().kilowattHours()))
          .append(",\"exp_kwh\":")
          .append(kwh(r.exported().kilowattHours()))
          .append('}');
    }
    byte[] out = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    if (out.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          readings.size()
              + " readings take "
              + out.length
              + " bytes, over "
              + MAX_PAYLOAD
              + ": split them over several messages");
    }
    return out;
  }

  /** Energy as kWh with at most six decimals, in plain notation. */
  private static String kwh(double v) {
    return BigDecimal.valueOf(Math.round(v * 1e6), 6).stripTrailingZeros().toPlainString();
  }

  /**
   * Decodes the readings of meter {@code meterId} (from the topic). Never throws for a payload: any
   * bytes get a verdict.
   *
   * @throws IllegalArgumentException when {@code meterId} is not a valid meter id (the topic parser
   *     gives only valid ones)
   */
  public static Decoded decode(String meterId, byte[] payload) {
    if (!Topics.isValidId(meterId, 0, meterId.length())) {
      throw new IllegalArgumentException("not a meter id: '" + meterId + "'");
    }
    if (payload.length > MAX_PAYLOAD) {
      return Decoded.refused(
          ReadingVerdict.MALFORMED,
          payload.length + " bytes, over the " + MAX_PAYLOAD + " a meter message may have");
    }
    Object root;
    try {
      root = Json.read(payload, 3);
    } catch (IllegalArgumentException e) {
      return Decoded.refused(ReadingVerdict.MALFORMED, String.valueOf(e.getMessage()));
    }
    if (!(root instanceof Map<?, ?> m)) {
      return Decoded.refused(ReadingVerdict.MALFORMED, "not a JSON object");
    }
    Optional<String> unknown = unknownKey(m, KEYS);
    if (unknown.isPresent()) {
      return Decoded.refused(ReadingVerdict.MALFORMED, unknown.get());
    }
    if (!m.containsKey("v") || !m.containsKey("readings")) {
      return Decoded.refused(ReadingVerdict.MISSING, "\"v\" and \"readings\" are required");
    }
    if (!(m.get("v") instanceof Double v) || !(m.get("readings") instanceof List<?> list)) {
      return Decoded.refused(
          ReadingVerdict.MALFORMED, "\"v\" must be a number and \"readings\" an array");
    }
    if (v != 1) {
      return Decoded.refused(ReadingVerdict.OUT_OF_RANGE, "\"v\" must be 1");
    }
    if (list.isEmpty() || list.size() > MAX_READINGS) {
      return Decoded.refused(
          ReadingVerdict.OUT_OF_RANGE,
          "a message carries 1 to " + MAX_READINGS + " readings, was " + list.size());
    }
    // The shape of every reading first: a wrong key or type anywhere refuses the whole message.
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> r)) {
        return Decoded.refused(ReadingVerdict.MALFORMED, "reading " + i + " is not an object");
      }
      Optional<String> bad = unknownKey(r, READING_KEYS);
      if (bad.isPresent()) {
        return Decoded.refused(ReadingVerdict.MALFORMED, "reading " + i + ": " + bad.get());
      }
      for (Object value : r.values()) {
        if (!(value instanceof Double)) {
          return Decoded.refused(
              ReadingVerdict.MALFORMED, "reading " + i + ": every value must be a number");
        }
      }
    }
    List<MeterReading> kept = new ArrayList<>(list.size());
    List<Integer> indexes = new ArrayList<>(list.size());
    List<Refusal> refusals = new ArrayList<>();
    Set<Long> starts = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Map<?, ?> r = (Map<?, ?>) list.get(i);
      Object startValue = r.get("start");
      Optional<Instant> start =
          Json.whole(startValue, 0, MAX_START)
              ? Optional.of(Instant.ofEpochMilli((long) Json.number(r, "start")))
              : Optional.empty();
      Object dur = r.get("dur_s");
      Object imp = r.get("imp_kwh");
      Object exp = r.get("exp_kwh");
      if (startValue == null || dur == null || imp == null || exp == null) {
        List<String> absent = new ArrayList<>();
        for (String k : List.of("start", "dur_s", "imp_kwh", "exp_kwh")) {
          if (!r.containsKey(k)) {
            absent.add(k);
          }
        }
        refusals.add(
            new Refusal(i, start, ReadingVerdict.MISSING, "no " + String.join(", ", absent)));
        continue;
      }
      double importKwh = (Double) imp;
      double exportKwh = (Double) exp;
      double seconds = (Double) dur;
      if (importKwh < 0 || exportKwh < 0) {
        refusals.add(
            new Refusal(i, start, ReadingVerdict.NEGATIVE, "imp_kwh and exp_kwh are magnitudes"));
        continue;
      }
      Optional<String> range = outOfRange(start, seconds, importKwh, exportKwh);
      if (range.isPresent()) {
        refusals.add(new Refusal(i, start, ReadingVerdict.OUT_OF_RANGE, range.get()));
        continue;
      }
      Instant at = start.orElseThrow();
      if (!starts.add(at.toEpochMilli())) {
        refusals.add(
            new Refusal(
                i, start, ReadingVerdict.DUPLICATE, "an earlier reading has the same start"));
        continue;
      }
      try {
        kept.add(
            MeterReading.ofKwh(
                meterId, at, Duration.ofSeconds((long) seconds), importKwh, exportKwh));
        indexes.add(i);
      } catch (IllegalArgumentException e) {
        // The checks above are MeterReading's own; this is only a second line.
        refusals.add(
            new Refusal(i, start, ReadingVerdict.OUT_OF_RANGE, String.valueOf(e.getMessage())));
      }
    }
    return new Decoded(ReadingVerdict.ACCEPTED, "", kept, indexes, refusals);
  }

  private static Optional<String> outOfRange(
      Optional<Instant> start, double seconds, double importKwh, double exportKwh) {
    if (!(seconds == 300 || seconds == 900 || seconds == 1800 || seconds == 3600)) {
      return Optional.of("dur_s must be 300, 900, 1800 or 3600");
    }
    if (start.isEmpty()) {
      return Optional.of("start must be whole milliseconds since the epoch");
    }
    long lengthSeconds = (long) seconds;
    if (start.get().toEpochMilli() % (lengthSeconds * 1000) != 0) {
      return Optional.of(
          "a " + lengthSeconds / 60 + "-minute reading starts on a whole multiple of its length");
    }
    if (importKwh > MeterReading.MAX_KWH || exportKwh > MeterReading.MAX_KWH) {
      return Optional.of("imp_kwh and exp_kwh are at most " + (long) MeterReading.MAX_KWH);
    }
    return Optional.empty();
  }

  private static Optional<String> unknownKey(Map<?, ?> m, Set<String> allowed) {
    for (Object k : m.keySet()) {
      if (!allowed.contains(k)) {
        return Optional.of("unknown key \"" + k + "\"");
      }
    }
    return Optional.empty();
  }

  // --- receipts ----------------------------------------------------------------------------

  /** The payload of {@code receipt}; messages are cut to 200 characters. */
  public static byte[] encodeReceipt(Receipt receipt) {
    StringBuilder sb = new StringBuilder(64).append("{\"v\":1,");
    switch (receipt) {
      case Receipt.Counted c -> {
        sb.append("\"accepted\":").append(c.accepted()).append(",\"refused\":[");
        for (int k = 0; k < c.refused().size(); k++) {
          Refusal r = c.refused().get(k);
          sb.append(k == 0 ? "{" : ",{").append("\"i\":").append(r.index());
          r.start().ifPresent(s -> sb.append(",\"start\":").append(s.toEpochMilli()));
          sb.append(",\"reason\":\"").append(r.verdict().key()).append('"');
          if (!r.message().isEmpty()) {
            sb.append(",\"message\":").append(Json.quote(cut(r.message())));
          }
          sb.append('}');
        }
        sb.append(']');
      }
      case Receipt.Failed f ->
          sb.append("\"error\":\"")
              .append(f.error().key())
              .append("\",\"message\":")
              .append(Json.quote(cut(f.message())));
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String cut(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** Decodes and checks a receipt (the meter's side). Never throws: any bytes get a result. */
  public static ReceiptResult decodeReceipt(byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      return refusedReceipt(payload.length + " bytes");
    }
    Object root;
    try {
      root = Json.read(payload, 3);
    } catch (IllegalArgumentException e) {
      return refusedReceipt(String.valueOf(e.getMessage()));
    }
    if (!(root instanceof Map<?, ?> m)) {
      return refusedReceipt("not a JSON object");
    }
    if (!(m.get("v") instanceof Double v) || v != 1) {
      return refusedReceipt("\"v\" must be 1");
    }
    if (m.containsKey("error")) {
      Optional<String> unknown = unknownKey(m, ERROR_KEYS);
      if (unknown.isPresent()) {
        return refusedReceipt(unknown.get());
      }
      Optional<ReadingVerdict> error = verdictOf(m.get("error"));
      if (error.isEmpty()
          || !(m.get("message") instanceof String message)
          || message.length() > MAX_MESSAGE) {
        return refusedReceipt(
            "\"error\" must be a reason other than accepted, \"message\" a text of at most 200");
      }
      return new ReceiptResult(Optional.of(new Receipt.Failed(error.get(), message)), "");
    }
    Optional<String> unknown = unknownKey(m, RECEIPT_KEYS);
    if (unknown.isPresent()) {
      return refusedReceipt(unknown.get());
    }
    if (!Json.whole(m.get("accepted"), 0, MAX_READINGS)
        || !(m.get("refused") instanceof List<?> list)
        || list.size() > MAX_READINGS) {
      return refusedReceipt(
          "\"accepted\" must be a whole number of readings and \"refused\" an array");
    }
    List<Refusal> refused = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> r) || unknownKey(r, REFUSAL_KEYS).isPresent()) {
        return refusedReceipt("a refusal is an object of i, start, reason and message");
      }
      Object start = r.get("start");
      Object message = r.get("message");
      Optional<ReadingVerdict> reason = verdictOf(r.get("reason"));
      if (!Json.whole(r.get("i"), 0, MAX_READINGS - 1)
          || (start != null && !Json.whole(start, 0, MAX_START))
          || reason.isEmpty()
          || (message != null && !(message instanceof String s && s.length() <= MAX_MESSAGE))) {
        return refusedReceipt("refusal " + refused.size() + " is not of the protocol's shape");
      }
      refused.add(
          new Refusal(
              (int) Json.number(r, "i"),
              start == null
                  ? Optional.empty()
                  : Optional.of(Instant.ofEpochMilli((long) Json.number(r, "start"))),
              reason.get(),
              message instanceof String text ? text : ""));
    }
    int accepted = (int) Json.number(m, "accepted");
    if (accepted + refused.size() > MAX_READINGS) {
      return refusedReceipt("more readings than a message carries");
    }
    return new ReceiptResult(Optional.of(new Receipt.Counted(accepted, refused)), "");
  }

  private static Optional<ReadingVerdict> verdictOf(@Nullable Object key) {
    if (!(key instanceof String s) || s.equals("accepted")) {
      return Optional.empty();
    }
    for (ReadingVerdict v : ReadingVerdict.values()) {
      if (v.key().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static ReceiptResult refusedReceipt(String problem) {
    return new ReceiptResult(Optional.empty(), problem);
  }
}
