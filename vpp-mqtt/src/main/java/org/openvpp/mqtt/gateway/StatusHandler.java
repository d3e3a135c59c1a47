package org.openvpp.mqtt.gateway;

import java.util.Objects;
import java.util.Optional;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.StatusCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.twin.TwinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device status messages (a device's own {@code online}, its last will's {@code offline})
 * into the twins, so a device whose connection drops leaves service at once.
 *
 * <p>Threads: on the twins' thread.
 */
public final class StatusHandler implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

  private final TwinStore twins;

  public StatusHandler(TwinStore twins) {
    this.twins = Objects.requireNonNull(twins, "twins");
  }

  @Override
  public Verdict accept(String topic, byte[] payload) {
    Optional<Topics.DeviceTopic> t = Topics.parse(topic);
    if (t.isEmpty() || t.get().channel() != Channel.STATUS) {
      return Verdict.BAD_TOPIC;
    }
    int d = twins.indexOf(t.get().device());
    if (d < 0) {
      return Verdict.UNKNOWN_DEVICE;
    }
    if (payload.length == 0) {
      // A retained status being cleared: nothing to learn.
      return Verdict.ACCEPTED;
    }
    StatusCodec.Result r = StatusCodec.decode(payload);
    if (r.online().isEmpty()) {
      LOG.warn("status refused ({}) on {}: {}", r.verdict().key(), topic, r.problem());
      return r.verdict();
    }
    twins.setConnected(d, r.online().get());
    return Verdict.ACCEPTED;
  }
}
