package org.openvpp.mqtt.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.TelemetryBatch;
import org.openvpp.mqtt.protocol.TelemetryDecoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.twin.ChargeNeed;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry path of the gateway: topic and payload in, the twin updated, the report kept late,
 * or the message refused with one counted reason.
 *
 * <p>Steps: parse the topic (protocol version 1, a telemetry channel) → look the device up → decode
 * and validate the payload ({@link TelemetryDecoder}) → check the time against the clock (not
 * further ahead than {@code maxAhead}, not older than {@link #HORIZON}) → check the sequence (a
 * repeat of the last accepted is a duplicate) → apply to the twin, whose listener updates the
 * aggregation tree. A report that is valid but late, an older sequence than the twin's or measured
 * more than {@code maxAge} ago, does not touch the twin (a late message never overwrites newer
 * state) but is handed to the {@link LateTelemetry} sink for the history and counted as {@link
 * Verdict#LATE}: it is a true measurement, not an error.
 *
 * <p>A device cloud's batch ({@code vpp/v1/c/{cloud}/telemetry}) goes through the same steps report
 * by report, each with its own verdict; a report whose {@code id} is not the cloud's ({@code
 * cloud:…}) is refused as a bad topic. Counts are per report; a batch refused whole counts once.
 *
 * <p>Nothing a device sends can throw out of {@link #accept}: every refusal is a {@link Verdict},
 * counted; the first few of each reason per minute are logged with the device and what was wrong,
 * so a flood of bad messages neither stalls ingestion nor floods the log. Late reports are counted,
 * not logged (at debug level at most).
 *
 * <p>Threads: one ingest per twin store, on the store's writer thread.
 */
// Counters are indexed by Verdict.ordinal() on the hot path: an EnumMap of boxed longs would
// allocate per message.
@SuppressWarnings("EnumOrdinal")
public final class TelemetryIngest implements MessageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);
  private static final int LOGS_PER_MINUTE = 5;

  /** How long ago a report may have been measured and still be kept, in the history: a week. */
  public static final Duration HORIZON = Duration.ofDays(7);

  private static final long HORIZON_MILLIS = HORIZON.toMillis();
  private static final int SINGLE = -1;

  private final TwinStore twins;
  private final Clock clock;
  private final long maxAgeMillis;
  private final long maxAheadMillis;
  private final LateTelemetry lateSink;
  private final TelemetryDecoder decoder = new TelemetryDecoder();
  private final TelemetryBatch batch = new TelemetryBatch();
  private final long[] counts = new long[Verdict.values().length];
  private final int[] logged = new int[Verdict.values().length];
  private long logMinute = Long.MIN_VALUE;
  private long batches;

  /**
   * What became of the reports so far, refusals apart from late reports.
   *
   * @param accepted reports applied to their twins
   * @param late valid reports kept for the history only (older sequence, or measured too long ago)
   * @param refused reports refused as invalid, by reason (only reasons that occurred)
   */
  public record Summary(long accepted, long late, Map<Verdict, Long> refused) {
    public Summary {
      refused =
          java.util.Collections.unmodifiableMap(
              refused.isEmpty() ? new EnumMap<>(Verdict.class) : new EnumMap<>(refused));
    }

    /** All refusals, whatever the reason. */
    public long refusedTotal() {
      return refused.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * @param twins the twins to update
   * @param clock the gateway's clock, against which message times are judged
   * @param maxAge how old a report may be and still update its twin (older ones are late)
   * @param maxAhead how far ahead of the clock a device's time may be (its clock's skew)
   * @param late where late reports go
   */
  public TelemetryIngest(
      TwinStore twins, Clock clock, Duration maxAge, Duration maxAhead, LateTelemetry late) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lateSink = Objects.requireNonNull(late, "late");
    this.maxAgeMillis = maxAge.toMillis();
    this.maxAheadMillis = maxAhead.toMillis();
  }

  /** An ingest whose late reports are counted and not kept. */
  public TelemetryIngest(TwinStore twins, Clock clock, Duration maxAge, Duration maxAhead) {
    this(twins, clock, maxAge, maxAhead, LateTelemetry.DISCARD);
  }

  /**
   * The protocol's limits: a twin takes reports at most 15 minutes old, at most 5 minutes ahead;
   * late reports are counted and not kept.
   */
  public static TelemetryIngest withDefaults(TwinStore twins, Clock clock) {
    return withDefaults(twins, clock, LateTelemetry.DISCARD);
  }

  /** The protocol's limits, late reports handed to {@code late}. */
  public static TelemetryIngest withDefaults(TwinStore twins, Clock clock, LateTelemetry late) {
    return new TelemetryIngest(twins, clock, Duration.ofMinutes(15), Duration.ofMinutes(5), late);
  }

  /**
   * Takes one message as it came from the broker: a device's report, or a device cloud's batch. For
   * a batch, {@code ACCEPTED} means its envelope was sound and each report got its own verdict (see
   * {@link #counts}); anything else is why the whole batch was refused.
   */
  @Override
  public Verdict accept(String topic, byte[] payload) {
    long located = Topics.locate(topic);
    if (located < 0) {
      long cloud = Topics.locateCloud(topic);
      if (cloud >= 0 && isBatch(topic, cloud)) {
        return acceptBatch(topic, cloud, payload);
      }
      return refuse(Verdict.BAD_TOPIC, topic, SINGLE, "not a telemetry topic of protocol v1");
    }
    if (Topics.channelOf(located) != Channel.TELEMETRY) {
      return refuse(Verdict.BAD_TOPIC, topic, SINGLE, "not a telemetry topic of protocol v1");
    }
    int d = twins.indexOf(topic, Topics.idStart(located), Topics.idEnd(located));
    if (d < 0) {
      return refuse(Verdict.UNKNOWN_DEVICE, topic, SINGLE, "no such device is registered");
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
      return refuse(v, source, SINGLE, preview(payload, offset, length));
    }
    return settle(
        ordinal,
        decoder.sequence(),
        decoder.timestampMillis(),
        decoder.powerKw(),
        decoder.storedKwh(),
        decoder.temperatureC(),
        decoder.plug(),
        decoder.needKwh(),
        decoder.readyAtMillis(),
        source,
        SINGLE);
  }

  private static boolean isBatch(String topic, long cloud) {
    int from = Topics.cloudEnd(cloud) + 1;
    String segment = Channel.TELEMETRY.segment();
    return topic.length() - from == segment.length() && topic.startsWith(segment, from);
  }

  private Verdict acceptBatch(String topic, long cloud, byte[] payload) {
    Verdict v = decoder.decodeBatch(payload, 0, payload.length, batch);
    if (v != Verdict.ACCEPTED) {
      return refuse(v, topic, SINGLE, preview(payload, 0, payload.length));
    }
    batches++;
    int cloudStart = Topics.cloudStart(cloud);
    int cloudLength = Topics.cloudEnd(cloud) - cloudStart;
    // One copy of the payload as text (a byte per character), so ids are looked up in place.
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < batch.size(); i++) {
      Verdict r = batch.verdict(i);
      if (r != Verdict.ACCEPTED) {
        refuse(r, topic, i, "report " + i + " of the batch");
        continue;
      }
      int from = batch.idStart(i);
      int to = batch.idEnd(i);
      if (!Topics.isValidId(text, from, to)
          || to - from <= cloudLength + 1
          || !text.regionMatches(from, topic, cloudStart, cloudLength)
          || text.charAt(from + cloudLength) != ':') {
        refuse(
            Verdict.BAD_TOPIC, topic, i, "id " + text.substring(from, to) + " is not the cloud's");
        continue;
      }
      int d = twins.indexOf(text, from, to);
      if (d < 0) {
        refuse(
            Verdict.UNKNOWN_DEVICE,
            topic,
            i,
            "no device " + text.substring(from, to) + " is registered");
        continue;
      }
      settle(
          d,
          batch.sequence(i),
          batch.timestampMillis(i),
          batch.powerKw(i),
          batch.storedKwh(i),
          batch.temperatureC(i),
          batch.plug(i),
          batch.needKwh(i),
          batch.readyAtMillis(i),
          topic,
          i);
    }
    return Verdict.ACCEPTED;
  }

  /** Judges a decoded report's time and sequence, then applies it, keeps it late, or refuses it. */
  private Verdict settle(
      int d,
      long seq,
      long at,
      double powerKw,
      double storedKwh,
      double temperatureC,
      int plug,
      double needKwh,
      long readyAtMillis,
      String source,
      int element) {
    long now = clock.millis();
    if (at > now + maxAheadMillis) {
      return refuse(
          Verdict.OUT_OF_RANGE, source, element, "time " + (at - now) / 1000 + " s in the future");
    }
    if (at < now - HORIZON_MILLIS) {
      return refuse(
          Verdict.STALE, source, element, "measured " + (now - at) / 3_600_000 + " h ago");
    }
    long last = twins.sequence(d);
    if (seq == last) {
      return refuse(Verdict.DUPLICATE, source, element, "sequence " + seq + " again");
    }
    if (seq < last || at < now - maxAgeMillis) {
      keepLate(d, seq, at, powerKw, storedKwh, temperatureC, plug, needKwh, readyAtMillis);
      return Verdict.LATE;
    }
    twins.apply(
        d,
        seq,
        at,
        powerKw,
        Double.isNaN(storedKwh) ? 0 : storedKwh,
        temperatureC,
        plug,
        needKwh,
        readyAtMillis);
    counts[Verdict.ACCEPTED.ordinal()]++;
    return Verdict.ACCEPTED;
  }

  private void keepLate(
      int d,
      long seq,
      long at,
      double powerKw,
      double storedKwh,
      double temperatureC,
      int plug,
      double needKwh,
      long readyAtMillis) {
    counts[Verdict.LATE.ordinal()]++;
    Telemetry report =
        new Telemetry(
            twins.device(d).id(),
            Instant.ofEpochMilli(at),
            seq,
            Power.ofKilowatts(powerKw),
            Energy.ofKilowattHours(Double.isNaN(storedKwh) ? 0 : storedKwh),
            Double.isNaN(temperatureC)
                ? Optional.empty()
                : Optional.of(Temperature.ofCelsius(temperatureC)),
            plug < 0 ? Optional.empty() : Optional.of(plug == 1),
            Double.isNaN(needKwh)
                ? Optional.empty()
                : Optional.of(
                    new ChargeNeed(
                        Energy.ofKilowattHours(needKwh), Instant.ofEpochMilli(readyAtMillis))));
    LOG.atDebug().log(
        () -> "late report of " + report.device() + ": sequence " + seq + " measured at " + at);
    lateSink.late(report);
  }

  private Verdict refuse(Verdict v, String source, int element, String detail) {
    counts[v.ordinal()]++;
    // Rate-limited by real time, not by the gateway's clock: the log is read by people, and a
    // simulated clock may run a day in a minute.
    long minute = System.nanoTime() / 60_000_000_000L;
    if (minute != logMinute) {
      logMinute = minute;
      for (Verdict w : Verdict.values()) {
        int over = logged[w.ordinal()] - LOGS_PER_MINUTE;
        if (over > 0) {
          LOG.warn(
              "telemetry refused ({}): {} more in the last minute, not logged one by one",
              w.key(),
              over);
        }
      }
      java.util.Arrays.fill(logged, 0);
    }
    if (logged[v.ordinal()]++ < LOGS_PER_MINUTE) {
      LOG.warn(
          "telemetry refused ({}) from {}: {}",
          v.key(),
          element == SINGLE ? source : source + " (report " + element + ")",
          detail);
    }
    return v;
  }

  private static String preview(byte[] payload, int offset, int length) {
    int n = Math.min(length, 80);
    String text =
        new String(payload, offset, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    return length > n ? text + "… (" + length + " bytes)" : text;
  }

  /** How many reports got verdict {@code v} so far (a batch refused whole counts once). */
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

  /** Accepted, kept late, and refused by reason, so far. */
  public Summary summary() {
    Map<Verdict, Long> refused = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      if (v.refused() && counts[v.ordinal()] > 0) {
        refused.put(v, counts[v.ordinal()]);
      }
    }
    return new Summary(count(Verdict.ACCEPTED), count(Verdict.LATE), refused);
  }

  /** Device clouds' batches taken so far (their envelopes sound). */
  public long batches() {
    return batches;
  }
}
