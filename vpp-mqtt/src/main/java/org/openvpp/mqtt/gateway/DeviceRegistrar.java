package org.openvpp.mqtt.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.openvpp.device.Device;
import org.openvpp.mqtt.protocol.BirthCodec;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.twin.TwinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers devices from their birth messages, so the twins know every device that has announced
 * itself, and a restarted gateway rebuilds the fleet from the broker's retained births.
 *
 * <p>A birth for a device already registered is accepted and changes nothing (a device announces
 * itself at every connection); one whose kind differs from the registered device's is refused as
 * out of range and logged, since a device does not change kind.
 *
 * <p>Threads: on the twins' thread, like {@link TelemetryIngest}.
 */
public final class DeviceRegistrar implements MessageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistrar.class);

  private final TwinStore twins;
  private final IntConsumer onRegistered;
  private final Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
  private long registered;

  /**
   * @param twins where devices are registered
   * @param onRegistered told the ordinal of each new device (to place it in the aggregation tree)
   */
  public DeviceRegistrar(TwinStore twins, IntConsumer onRegistered) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.onRegistered = Objects.requireNonNull(onRegistered, "onRegistered");
  }

  @Override
  public Verdict accept(String topic, byte[] payload) {
    Optional<Topics.DeviceTopic> t = Topics.parse(topic);
    if (t.isEmpty() || t.get().channel() != Channel.BIRTH) {
      return count(Verdict.BAD_TOPIC, topic, "not a birth topic of protocol v1");
    }
    String id = t.get().device();
    BirthCodec.Result r = BirthCodec.decode(id, payload);
    if (r.device().isEmpty()) {
      return count(r.verdict(), topic, r.problem());
    }
    Device device = r.device().get();
    int known = twins.indexOf(id);
    if (known >= 0) {
      if (twins.device(known).kind() != device.kind()) {
        return count(
            Verdict.OUT_OF_RANGE,
            topic,
            "registered as " + twins.device(known).kind() + ", birth says " + device.kind());
      }
      return count(Verdict.ACCEPTED, topic, "");
    }
    int ordinal = twins.register(device);
    registered++;
    onRegistered.accept(ordinal);
    return count(Verdict.ACCEPTED, topic, "");
  }

  private Verdict count(Verdict v, String topic, String problem) {
    counts.merge(v, 1L, Long::sum);
    if (v != Verdict.ACCEPTED) {
      LOG.warn("birth refused ({}) on {}: {}", v.key(), topic, problem);
    }
    return v;
  }

  /** Devices registered by births so far. */
  public long registered() {
    return registered;
  }

  /** How many births got verdict {@code v}. */
  public long count(Verdict v) {
    return counts.getOrDefault(v, 0L);
  }
}
