package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated world's clock and the service's answer, protocol version 1 (added 2026-12, simulation
 * only; {@code docs/schemas/clock.schema.json}, {@code clock-ack.schema.json}).
 *
 * <pre>
 * vpp/v1/c/{cloud}/clock      {"v":1,"seq":7,"at":1565913600000,"next":1565913660000,
 *                              "sent":{"telemetry":4200,"meters":96}}
 * vpp/v1/c/{cloud}/clock/ack  {"v":1,"seq":7,"at":1565913600000,"commands":12}
 * </pre>
 *
 * <p>A tick says the world's time is now {@code at} and its next step will be at {@code next}, and
 * how many non-retained telemetry and meter messages its cloud has published since it started, so
 * the service knows when it has all of them. The answer says the service has taken step {@code seq}
 * at {@code at} and how many commands it sent to the cloud's devices during it, so the world waits
 * for them before it steps. Decoding is strict, as for every payload of the protocol.
 */
public final class ClockCodec {

  private static final Set<String> TICK_KEYS = Set.of("v", "seq", "at", "next", "sent");
  private static final Set<String> SENT_KEYS = Set.of("telemetry", "meters");
  private static final Set<String> ACK_KEYS = Set.of("v", "seq", "at", "commands");
  private static final double MAX_COUNT = 9_007_199_254_740_992d; // 2^53
  private static final double MAX_MILLIS = 1e15;

  private ClockCodec() {}

  /**
   * One step of the world's clock.
   *
   * @param sequence the tick's number, increasing by one from 0 or 1
   * @param at the world's time now
   * @param next when the world's next step will be (not before {@code at})
   * @param telemetrySent non-retained telemetry messages the cloud has published since it started
   * @param metersSent meter messages the cloud has published since it started
   */
  public record Tick(long sequence, Instant at, Instant next, long telemetrySent, long metersSent) {
    public Tick {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(next, "next");
      if (sequence < 0 || telemetrySent < 0 || metersSent < 0) {
        throw new IllegalArgumentException(
            "a tick's sequence and counts are not negative, were "
                + sequence
                + ", "
                + telemetrySent
                + ", "
                + metersSent);
      }
      if (next.isBefore(at)) {
        throw new IllegalArgumentException("next " + next + " is before at " + at);
      }
    }
  }

  /**
   * The service's answer to a tick.
   *
   * @param sequence the tick's number
   * @param at the tick's time
   * @param commands commands the service sent to the cloud's devices while taking the step, resends
   *     included
   */
  public record Ack(long sequence, Instant at, long commands) {
    public Ack {
      Objects.requireNonNull(at, "at");
      if (sequence < 0 || commands < 0) {
        throw new IllegalArgumentException(
            "an ack's sequence and commands are not negative, were " + sequence + ", " + commands);
      }
    }
  }

  /**
   * A decoded tick, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code tick} is present
   * @param tick the tick
   * @param problem what was wrong, for the log; empty when accepted
   */
  public record TickResult(Verdict verdict, Optional<Tick> tick, String problem) {}

  /**
   * A decoded answer, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code ack} is present
   * @param ack the answer
   * @param problem what was wrong, for the log; empty when accepted
   */
  public record AckResult(Verdict verdict, Optional<Ack> ack, String problem) {}

  /** The payload of {@code tick}. */
  public static byte[] encodeTick(Tick tick) {
    return ("{\"v\":1,\"seq\":"
            + tick.sequence()
            + ",\"at\":"
            + tick.at().toEpochMilli()
            + ",\"next\":"
            + tick.next().toEpochMilli()
            + ",\"sent\":{\"telemetry\":"
            + tick.telemetrySent()
            + ",\"meters\":"
            + tick.metersSent()
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The payload of {@code ack}. */
  public static byte[] encodeAck(Ack ack) {
    return ("{\"v\":1,\"seq\":"
            + ack.sequence()
            + ",\"at\":"
            + ack.at().toEpochMilli()
            + ",\"commands\":"
            + ack.commands()
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes and checks a tick (the service's side). Never throws: any bytes get a verdict. */
  public static TickResult decodeTick(byte[] payload) {
    Read read = read(payload);
    if (read.value().isEmpty()) {
      return tickRefused(read.verdict(), read.problem());
    }
    if (!(read.value().get() instanceof Map<?, ?> m)) {
      return tickRefused(Verdict.MALFORMED, "not a JSON object");
    }
    Optional<String> unknown = unknownKey(m, TICK_KEYS);
    if (unknown.isPresent()) {
      return tickRefused(Verdict.MALFORMED, unknown.get());
    }
    for (String k : TICK_KEYS) {
      if (!m.containsKey(k)) {
        return tickRefused(Verdict.MISSING, "no \"" + k + "\"");
      }
    }
    if (!(m.get("sent") instanceof Map<?, ?> sent)) {
      return tickRefused(Verdict.MALFORMED, "\"sent\" must be an object");
    }
    unknown = unknownKey(sent, SENT_KEYS);
    if (unknown.isPresent()) {
      return tickRefused(Verdict.MALFORMED, "sent: " + unknown.get());
    }
    if (!sent.containsKey("telemetry") || !sent.containsKey("meters")) {
      return tickRefused(Verdict.MISSING, "\"sent\" needs \"telemetry\" and \"meters\"");
    }
    if (!(m.get("v") instanceof Double)
        || !(m.get("seq") instanceof Double)
        || !(m.get("at") instanceof Double)
        || !(m.get("next") instanceof Double)
        || !(sent.get("telemetry") instanceof Double)
        || !(sent.get("meters") instanceof Double)) {
      return tickRefused(Verdict.MALFORMED, "every value but \"sent\" is a number");
    }
    if (Json.number(m, "v") != 1) {
      return tickRefused(Verdict.OUT_OF_RANGE, "\"v\" must be 1");
    }
    if (!Json.whole(m.get("seq"), 0, MAX_COUNT)
        || !Json.whole(sent.get("telemetry"), 0, MAX_COUNT)
        || !Json.whole(sent.get("meters"), 0, MAX_COUNT)) {
      return tickRefused(Verdict.OUT_OF_RANGE, "seq and the counts are whole numbers >= 0");
    }
    if (!Json.whole(m.get("at"), 0, MAX_MILLIS) || !Json.whole(m.get("next"), 0, MAX_MILLIS)) {
      return tickRefused(Verdict.OUT_OF_RANGE, "at and next are whole milliseconds >= 0");
    }
    long at = (long) Json.number(m, "at");
    long next = (long) Json.number(m, "next");
    if (next < at) {
      return tickRefused(Verdict.OUT_OF_RANGE, "next is before at");
    }
    return new TickResult(
        Verdict.ACCEPTED,
        Optional.of(
            new Tick(
                (long) Json.number(m, "seq"),
                Instant.ofEpochMilli(at),
                Instant.ofEpochMilli(next),
                (long) Json.number(sent, "telemetry"),
                (long) Json.number(sent, "meters"))),
        "");
  }

  /** Decodes and checks an answer (the world's side). Never throws: any bytes get a verdict. */
  public static AckResult decodeAck(byte[] payload) {
    Read read = read(payload);
    if (read.value().isEmpty()) {
      return ackRefused(read.verdict(), read.problem());
    }
    if (!(read.value().get() instanceof Map<?, ?> m)) {
      return ackRefused(Verdict.MALFORMED, "not a JSON object");
    }
    Optional<String> unknown = unknownKey(m, ACK_KEYS);
    if (unknown.isPresent()) {
      return ackRefused(Verdict.MALFORMED, unknown.get());
    }
    for (String k : ACK_KEYS) {
      if (!m.containsKey(k)) {
        return ackRefused(Verdict.MISSING, "no \"" + k + "\"");
      }
      if (!(m.get(k) instanceof Double)) {
        return ackRefused(Verdict.MALFORMED, "\"" + k + "\" must be a number");
      }
    }
    if (Json.number(m, "v") != 1) {
      return ackRefused(Verdict.OUT_OF_RANGE, "\"v\" must be 1");
    }
    if (!Json.whole(m.get("seq"), 0, MAX_COUNT)
        || !Json.whole(m.get("commands"), 0, MAX_COUNT)
        || !Json.whole(m.get("at"), 0, MAX_MILLIS)) {
      return ackRefused(Verdict.OUT_OF_RANGE, "seq, at and commands are whole numbers >= 0");
    }
    return new AckResult(
        Verdict.ACCEPTED,
        Optional.of(
            new Ack(
                (long) Json.number(m, "seq"),
                Instant.ofEpochMilli((long) Json.number(m, "at")),
                (long) Json.number(m, "commands"))),
        "");
  }

  /** A payload read as JSON two levels deep, or why it could not be. */
  private record Read(Verdict verdict, Optional<Object> value, String problem) {}

  private static Read read(byte[] payload) {
    if (payload.length > Topics.MAX_PAYLOAD) {
      return new Read(Verdict.OVERSIZED, Optional.empty(), payload.length + " bytes");
    }
    try {
      return new Read(Verdict.ACCEPTED, Optional.of(Json.read(payload, 2)), "");
    } catch (IllegalArgumentException e) {
      return new Read(Verdict.MALFORMED, Optional.empty(), String.valueOf(e.getMessage()));
    }
  }

  private static Optional<String> unknownKey(Map<?, ?> m, Set<String> allowed) {
    for (Object k : m.keySet()) {
      if (!allowed.contains(k)) {
        return Optional.of("unknown key \"" + k + "\"");
      }
    }
    return Optional.empty();
  }

  private static TickResult tickRefused(Verdict v, String problem) {
    return new TickResult(v, Optional.empty(), problem);
  }

  private static AckResult ackRefused(Verdict v, String problem) {
    return new AckResult(v, Optional.empty(), problem);
  }
}
