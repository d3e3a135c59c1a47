package org.openvpp.mqtt.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.protocol.MeterReadingCodec;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Receipt;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Refusal;
import org.openvpp.mqtt.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The meter path of the gateway: each meter message in turn is decoded ({@link MeterReadingCodec}),
 * its valid readings handed to the service's {@link MeterHandler}, the receipt published, and only
 * then the message acknowledged to the broker. Messages that queued while the handler was busy go
 * to it together ({@link MeterHandler#acceptAll}: one commit for the group), then are answered and
 * acknowledged one by one in the order they came.
 *
 * <p>Design: a thread of its own, so the handler's database writes hold up neither the MQTT
 * client's thread nor the twins'; one thread, so a meter's messages are handled in the order they
 * came. The queue holds as many messages as the broker may leave unacknowledged with the gateway
 * (its receive maximum), so it cannot overflow: the broker stops sending QoS 1 messages when that
 * many wait. A message whose handling failed (the handler threw, or the receipt could not be
 * published) is left unacknowledged; the broker delivers it again on the gateway's next connection.
 *
 * <p>Threads: {@link #offer} from the MQTT client's thread; the rest on the meter thread; counters
 * from any thread.
 */
// Counters are indexed by ReadingVerdict.ordinal(): atomic arrays, readable from any thread.
@SuppressWarnings("EnumOrdinal")
final class MeterPath {
  private static final Logger LOG = LoggerFactory.getLogger(MeterPath.class);
  private static final int LOGS_PER_MINUTE = 5;

  /** At most this many queued messages are handled (and committed) together. */
  private static final int GROUP = 256;

  /** What the meter path needs of the connection. */
  interface Link {
    /** Publishes {@code payload} on {@code topic}, QoS 1, waiting until the broker has it. */
    void publish(String topic, byte[] payload) throws Exception;

    /** Acknowledges a message to the broker, if it came on the present connection. */
    void acknowledge(int messageId, int qos, long connection);
  }

  /** One meter message as it came from the broker. */
  static final class Message {
    final String topic;
    final byte[] payload;
    final Instant receivedAt;
    final int id;
    final int qos;
    final long connection;

    Message(String topic, byte[] payload, Instant receivedAt, int id, int qos, long connection) {
      this.topic = topic;
      this.payload = payload;
      this.receivedAt = receivedAt;
      this.id = id;
      this.qos = qos;
      this.connection = connection;
    }
  }

  private final MeterHandler handler;
  private final Link link;
  private final BlockingQueue<Message> queue;
  private final Thread thread;
  private volatile boolean stopping;
  private final AtomicLongArray messages = new AtomicLongArray(ReadingVerdict.values().length);
  private final AtomicLongArray readings = new AtomicLongArray(ReadingVerdict.values().length);
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<String, AtomicLong> handledByCloud = new ConcurrentHashMap<>();
  private long logMinute = Long.MIN_VALUE;
  private int logged;

  MeterPath(MeterHandler handler, Link link, int capacity) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.link = Objects.requireNonNull(link, "link");
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "vpp-gateway-meters");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a message; false when the queue is full (then it is not acknowledged). */
  boolean offer(Message m) {
    return queue.offer(m);
  }

  /**
   * Finishes the message in hand (waiting up to {@code waitMillis}) and stops; messages still
   * queued are left unacknowledged, for the next connection.
   */
  void stop(long waitMillis) {
    stopping = true;
    try {
      thread.join(waitMillis);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(waitMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Message> group = new ArrayList<>();
    while (!stopping) {
      Message m;
      try {
        m = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (m != null) {
        group.add(m);
        queue.drainTo(group, GROUP - 1);
        handle(group);
        group.clear();
      }
    }
  }

  /**
   * What to answer a message, and the reading verdicts to count once it is answered.
   *
   * @param accepted readings kept
   * @param refused the verdict of each reading not kept
   */
  private record Answer(Receipt receipt, int accepted, List<ReadingVerdict> refused) {}

  /** A message read: its topic, and its answer or the readings still to hand to the handler. */
  private record Read(
      Message message,
      Optional<Topics.MeterTopic> topic,
      Optional<Answer> answer,
      Optional<MeterReadingCodec.Decoded> decoded) {}

  /**
   * Handles messages that queued together: each decoded, the valid readings of all handed to the
   * handler at once (one commit for the group), then each answered and acknowledged in turn.
   */
  private void handle(List<Message> group) {
    List<Read> reads = new ArrayList<>(group.size());
    List<MeterHandler.Batch> batches = new ArrayList<>();
    for (Message m : group) {
      Read r = read(m);
      reads.add(r);
      r.decoded()
          .ifPresent(
              d ->
                  batches.add(
                      new MeterHandler.Batch(r.topic().orElseThrow(), d.readings(), m.receivedAt)));
    }
    List<MeterHandler.Outcome> outcomes;
    try {
      outcomes = batches.isEmpty() ? List.of() : handler.acceptAll(batches);
      if (outcomes.size() != batches.size()) {
        throw new IllegalStateException(
            "the meter handler answered "
                + outcomes.size()
                + " of the "
                + batches.size()
                + " messages it was given");
      }
    } catch (RuntimeException e) {
      // nothing of the group is answered: every message comes again on the next connection, and
      // readings the handler did keep are then refused as duplicates
      for (Read r : reads) {
        failures.incrementAndGet();
        log(
            Level.ERROR,
            "meter message on {} not handled, not acknowledged (it comes again on the gateway's"
                + " next connection): {}",
            r.message().topic,
            e.toString());
      }
      return;
    }
    int next = 0;
    for (Read r : reads) {
      Answer answer;
      try {
        answer =
            r.answer().isPresent()
                ? r.answer().get()
                : counted(r.decoded().orElseThrow(), outcomes.get(next++));
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        log(Level.ERROR, "meter message on {} not handled: {}", r.message().topic, e.toString());
        continue;
      }
      finish(r, answer);
    }
  }

  /** Publishes a message's receipt, acknowledges it, and counts it. */
  private void finish(Read r, Answer answer) {
    Message m = r.message();
    String receiptTopic =
        r.topic()
            .map(Topics.MeterTopic::receipt)
            .orElseGet(() -> m.topic.substring(0, m.topic.lastIndexOf('/') + 1) + "receipt");
    try {
      link.publish(receiptTopic, MeterReadingCodec.encodeReceipt(answer.receipt()));
    } catch (Exception e) {
      failures.incrementAndGet();
      log(
          Level.ERROR,
          "meter message on {} not handled, not acknowledged (it comes again on the gateway's"
              + " next connection): {}",
          m.topic,
          e.toString());
      return;
    }
    link.acknowledge(m.id, m.qos, m.connection);
    readings.addAndGet(ReadingVerdict.ACCEPTED.ordinal(), answer.accepted());
    for (ReadingVerdict v : answer.refused()) {
      readings.incrementAndGet(v.ordinal());
    }
    if (answer.receipt() instanceof Receipt.Failed f) {
      messages.incrementAndGet(f.error().ordinal());
      log(
          Level.WARN,
          "meter message refused ({}) on {}: {}",
          f.error().key(),
          m.topic,
          f.message());
    } else {
      messages.incrementAndGet(ReadingVerdict.ACCEPTED.ordinal());
    }
    r.topic()
        .flatMap(Topics.MeterTopic::cloud)
        .ifPresent(c -> handledByCloud.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet());
    handled.incrementAndGet();
  }

  /**
   * Decodes a message: its answer when it is refused whole or holds no valid reading, else the
   * readings for the handler.
   */
  private Read read(Message m) {
    Optional<Topics.MeterTopic> topic = Topics.parseMeterReading(m.topic);
    if (topic.isEmpty()) {
      return new Read(
          m,
          topic,
          Optional.of(
              new Answer(
                  new Receipt.Failed(ReadingVerdict.UNKNOWN_METER, "not a valid meter id"),
                  0,
                  List.of())),
          Optional.empty());
    }
    MeterReadingCodec.Decoded decoded = MeterReadingCodec.decode(topic.get().meter(), m.payload);
    if (decoded.verdict() != ReadingVerdict.ACCEPTED) {
      return new Read(
          m,
          topic,
          Optional.of(
              new Answer(new Receipt.Failed(decoded.verdict(), decoded.problem()), 0, List.of())),
          Optional.empty());
    }
    if (decoded.readings().isEmpty()) {
      return new Read(
          m,
          topic,
          Optional.of(counted(decoded, MeterHandler.Outcome.allKept())),
          Optional.empty());
    }
    return new Read(m, topic, Optional.empty(), Optional.of(decoded));
  }

  /** The receipt of a decoded message: the codec's refusals and the handler's, in order. */
  private static Answer counted(MeterReadingCodec.Decoded decoded, MeterHandler.Outcome outcome) {
    List<Refusal> refused = new ArrayList<>(decoded.refusals());
    int kept = decoded.readings().size();
    for (MeterHandler.Refused r : outcome.refused()) {
      if (r.index() >= kept) {
        throw new IllegalStateException(
            "the meter handler refused reading " + r.index() + " of the " + kept + " it was given");
      }
      MeterReading reading = decoded.readings().get(r.index());
      refused.add(
          new Refusal(
              decoded.indexes().get(r.index()), Optional.of(reading.start()), r.verdict(), ""));
    }
    kept -= outcome.refused().size();
    refused.sort(Comparator.comparingInt(Refusal::index));
    return new Answer(
        new Receipt.Counted(kept, refused), kept, refused.stream().map(Refusal::verdict).toList());
  }

  /**
   * Logs the first few refusals and failures of each minute (by real time, not the service's
   * clock), and how many more there were, so a flood of bad messages or a database that is down
   * does not flood the log.
   */
  private void log(Level level, String format, Object... args) {
    long minute = System.nanoTime() / 60_000_000_000L;
    if (minute != logMinute) {
      if (logged > LOGS_PER_MINUTE) {
        LOG.warn(
            "{} more meter messages refused or failed in the last minute, not logged one by one",
            logged - LOGS_PER_MINUTE);
      }
      logMinute = minute;
      logged = 0;
    }
    if (logged++ < LOGS_PER_MINUTE) {
      LOG.atLevel(level).log(format, args);
    }
  }

  long handled() {
    return handled.get();
  }

  long handled(String cloud) {
    AtomicLong n = handledByCloud.get(cloud);
    return n == null ? 0 : n.get();
  }

  long failures() {
    return failures.get();
  }

  long messages(ReadingVerdict v) {
    return messages.get(v.ordinal());
  }

  long readings(ReadingVerdict v) {
    return readings.get(v.ordinal());
  }

  Map<ReadingVerdict, Long> readingCounts() {
    Map<ReadingVerdict, Long> m = new EnumMap<>(ReadingVerdict.class);
    for (ReadingVerdict v : ReadingVerdict.values()) {
      m.put(v, readings.get(v.ordinal()));
    }
    return m;
  }
}
