package org.openvpp.mqtt.gateway;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.TelemetryDecoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.twin.TwinStore;

/**
 * The telemetry path of the gateway: topic and payload in, the twin updated or the message refused
 * with one counted reason.
 *
 * <p>Steps: parse the topic (protocol version 1, a telemetry channel) → look the device up → decode
 * and validate the payload ({@link TelemetryDecoder}) → check the time against the clock (not older
 * than {@code maxAge}, not further ahead than {@code maxAhead}) → check the sequence (a repeat is a
 * duplicate, an older one out of order, so a late message never overwrites newer state) → apply to
 * the twin, whose listener updates the aggregation tree.
 *
 * <p>Nothing a device sends can throw out of {@link #accept}: every refusal is a {@link Verdict},
 * counted; the first few of each reason per minute are logged with the device and what was wrong,
 * so a flood of bad messages neither stalls ingestion nor floods the log.
 *
 * <p>Threads: one ingest per twin store, on the store's writer thread.
 */
// Counters are indexed by Verdict.ordinal() on the hot path: an EnumMap of boxed longs would
// allocate per message.
@SuppressWarnings("EnumOrdinal")
public final class TelemetryIngest implements MessageHandler {

  private static final System.Logger LOG = System.getLogger(TelemetryIngest.class.getName());
  private static final int LOGS_PER_MINUTE = 5;

  private final TwinStore twins;
  private final Clock clock;
  private final long maxAgeMillis;
  private final long maxAheadMillis;
  private final TelemetryDecoder decoder = new TelemetryDecoder();
  private final long[] counts = new long[Verdict.values().length];
  private final int[] logged = new int[Verdict.values().length];
  private long logMinute = Long.MIN_VALUE;

  /**
   * @param twins the twins to update
   * @param clock the gateway's clock, against which message times are judged
   * @param maxAge how old a message may be
   * @param maxAhead how far ahead of the clock a device's time may be (its clock's skew)
   */
  public TelemetryIngest(TwinStore twins, Clock clock, Duration maxAge, Duration maxAhead) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAgeMillis = maxAge.toMillis();
    this.maxAheadMillis = maxAhead.toMillis();
  }

  /** The protocol's limits: 15 minutes old at most, 5 minutes ahead at most. */
  public static TelemetryIngest withDefaults(TwinStore twins, Clock clock) {
    return new TelemetryIngest(twins, clock, Duration.ofMinutes(15), Duration.ofMinutes(5));
  }

  /** Takes one message as it came from the broker. */
  @Override
  public Verdict accept(String topic, byte[] payload) {
    long located = Topics.locate(topic);
    if (located < 0 || Topics.channelOf(located) != Channel.TELEMETRY) {
      return refuse(Verdict.BAD_TOPIC, topic, "not a telemetry topic of protocol v1");
    }
    int d = twins.indexOf(topic, Topics.idStart(located), Topics.idEnd(located));
    if (d < 0) {
      return refuse(Verdict.UNKNOWN_DEVICE, topic, "no such device is registered");
    }
    return accept(d, payload, 0, payload.length, topic);
  }

  /**
   * Takes one message for a device already resolved to its ordinal (a gateway that caches topic to
   * ordinal); {@code source} names it in logs.
   */
  public Verdict accept(int ordinal, byte[] payload, int offset, int length, String source) {
    Verdict v = decoder.decode(payload, offset, length);
    if (v != Verdict.ACCEPTED) {
      return refuse(v, source, preview(payload, offset, length));
    }
    long now = clock.millis();
    long at = decoder.timestampMillis();
    if (at < now - maxAgeMillis) {
      return refuse(Verdict.STALE, source, "measured " + (now - at) / 1000 + " s ago");
    }
    if (at > now + maxAheadMillis) {
      return refuse(Verdict.OUT_OF_RANGE, source, "time " + (at - now) / 1000 + " s in the future");
    }
    long last = twins.sequence(ordinal);
    long seq = decoder.sequence();
    if (seq == last) {
      return refuse(Verdict.DUPLICATE, source, "sequence " + seq + " again");
    }
    if (seq < last) {
      return refuse(Verdict.OUT_OF_ORDER, source, "sequence " + seq + " after " + last);
    }
    twins.apply(
        ordinal,
        seq,
        at,
        decoder.powerKw(),
        Double.isNaN(decoder.storedKwh()) ? 0 : decoder.storedKwh(),
        decoder.temperatureC(),
        decoder.plug(),
        decoder.needKwh(),
        decoder.readyAtMillis());
    counts[Verdict.ACCEPTED.ordinal()]++;
    return Verdict.ACCEPTED;
  }

  private Verdict refuse(Verdict v, String source, String detail) {
    counts[v.ordinal()]++;
    // Rate-limited by real time, not by the gateway's clock: the log is read by people, and a
    // simulated clock may run a day in a minute.
    long minute = System.nanoTime() / 60_000_000_000L;
    if (minute != logMinute) {
      logMinute = minute;
      for (Verdict w : Verdict.values()) {
        int over = logged[w.ordinal()] - LOGS_PER_MINUTE;
        if (over > 0) {
          LOG.log(
              Level.WARNING,
              "telemetry refused ({0}): {1} more in the last minute, not logged one by one",
              w.key(),
              over);
        }
      }
      java.util.Arrays.fill(logged, 0);
    }
    if (logged[v.ordinal()]++ < LOGS_PER_MINUTE) {
      LOG.log(Level.WARNING, "telemetry refused ({0}) from {1}: {2}", v.key(), source, detail);
    }
    return v;
  }

  private static String preview(byte[] payload, int offset, int length) {
    int n = Math.min(length, 80);
    String text =
        new String(payload, offset, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    return length > n ? text + "… (" + length + " bytes)" : text;
  }

  /** How many messages got verdict {@code v} so far. */
  public long count(Verdict v) {
    return counts[v.ordinal()];
  }

  /** Every verdict's count so far. */
  public Map<Verdict, Long> counts() {
    Map<Verdict, Long> m = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      m.put(v, counts[v.ordinal()]);
    }
    return m;
  }
}
