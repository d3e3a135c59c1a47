package org.openvpp.mqtt.gateway;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.protocol.Topics;

/**
 * The service's side of meter readings over MQTT: takes the readings of one meter message that the
 * gateway decoded and found valid, keeps what it accepts durably, and says which it refused.
 *
 * <p>The gateway calls it on its meter thread, for the messages in the order they came (several at
 * once through {@link #acceptAll} when more queued while it was busy); it publishes each receipt
 * and acknowledges each message to the broker only after this returns, so a reading the broker saw
 * acknowledged is one the service has kept. If this throws (the database is down, the service is
 * stopping), the message is neither answered nor acknowledged, and the broker delivers it again on
 * the gateway's next connection: so a message may come twice, and readings already kept are then
 * refused as {@link ReadingVerdict#DUPLICATE} (the first stays).
 */
@FunctionalInterface
public interface MeterHandler {

  /**
   * Takes the valid readings of one message.
   *
   * @param from the meter, and the cloud or head-end that reported it if any (the broker user who
   *     published: {@link Topics.MeterTopic#publisher})
   * @param readings the message's readings that the protocol accepts, in order, at least one
   * @param receivedAt when the gateway received the message, by the service's clock
   * @return which of {@code readings} it refused and why ({@code FUTURE}, {@code UNKNOWN_METER},
   *     {@code DUPLICATE}, {@code NO_CONSENT}, …); the others are kept
   */
  Outcome accept(Topics.MeterTopic from, List<MeterReading> readings, Instant receivedAt);

  /**
   * Takes the valid readings of several messages, in the order they came: one outcome each, in
   * order. A handler that keeps them durably should do it in one transaction, so a burst costs one
   * commit, not one per message; if it throws, none of the messages is answered or acknowledged. By
   * default, {@link #accept} for each in turn.
   */
  default List<Outcome> acceptAll(List<Batch> batches) {
    return batches.stream().map(b -> accept(b.from(), b.readings(), b.receivedAt())).toList();
  }

  /** The valid readings of one message, for {@link #acceptAll}. */
  record Batch(Topics.MeterTopic from, List<MeterReading> readings, Instant receivedAt) {
    public Batch {
      Objects.requireNonNull(from, "from");
      readings = List.copyOf(readings);
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  /**
   * One reading refused by the service.
   *
   * @param index its position in the list the handler was given, from 0
   * @param verdict why (never {@code ACCEPTED})
   */
  record Refused(int index, ReadingVerdict verdict) {
    public Refused {
      Objects.requireNonNull(verdict, "verdict");
      if (index < 0) {
        throw new IllegalArgumentException("index must not be negative, was " + index);
      }
      if (verdict == ReadingVerdict.ACCEPTED) {
        throw new IllegalArgumentException("a refusal needs a reason other than accepted");
      }
    }
  }

  /**
   * What the service made of a message's readings.
   *
   * @param refused the readings it refused, each once; every other one is kept
   */
  record Outcome(List<Refused> refused) {
    public Outcome {
      refused = List.copyOf(refused);
      Set<Integer> seen = new HashSet<>();
      for (Refused r : refused) {
        if (!seen.add(r.index())) {
          throw new IllegalArgumentException("reading " + r.index() + " refused twice");
        }
      }
    }

    /** Every reading kept. */
    public static Outcome allKept() {
      return new Outcome(List.of());
    }
  }
}
