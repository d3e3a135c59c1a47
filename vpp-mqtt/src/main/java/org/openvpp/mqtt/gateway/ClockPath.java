package org.openvpp.mqtt.gateway;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Clock ticks of simulated worlds ({@code vpp/v1/c/{cloud}/clock}, simulation only): decodes and
 * checks each, and hands it to the {@link ClockHandler}. A tick with the same sequence as its
 * cloud's last one is a copy the broker delivered again (after a reconnect, before the first was
 * acknowledged) and is refused as a duplicate without reaching the handler.
 *
 * <p>Threads: on the twins' thread, as the {@link MessageHandler} of the clock topics.
 */
public final class ClockPath implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ClockPath.class);

  private final ClockHandler handler;
  private final Map<String, Long> last = new HashMap<>();
  private final Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);

  public ClockPath(ClockHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public Verdict accept(String topic, byte[] payload) {
    Optional<String> cloud = Topics.cloudTopic(topic, "clock");
    if (cloud.isEmpty()) {
      return count(Verdict.BAD_TOPIC, topic, "not a clock topic of protocol v1");
    }
    ClockCodec.TickResult r = ClockCodec.decodeTick(payload);
    if (r.tick().isEmpty()) {
      return count(r.verdict(), topic, r.problem());
    }
    ClockCodec.Tick tick = r.tick().get();
    Long previous = last.get(cloud.get());
    if (previous != null && previous == tick.sequence()) {
      return count(Verdict.DUPLICATE, topic, "tick " + tick.sequence() + " again");
    }
    last.put(cloud.get(), tick.sequence());
    return count(handler.tick(cloud.get(), tick), topic, "refused by the service");
  }

  private Verdict count(Verdict v, String topic, String problem) {
    counts.merge(v, 1L, Long::sum);
    if (v != Verdict.ACCEPTED) {
      // A copy delivered again is the broker keeping its promise, not a fault.
      LOG.atLevel(v == Verdict.DUPLICATE ? Level.INFO : Level.WARN)
          .log("clock tick refused ({}) on {}: {}", v.key(), topic, problem);
    }
    return v;
  }

  /** How many ticks got verdict {@code v}. */
  public long count(Verdict v) {
    return counts.getOrDefault(v, 0L);
  }
}
