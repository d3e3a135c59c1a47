package org.openvpp.mqtt.gateway;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands over MQTT: sends each command once and records it in a {@link CommandLedger}, takes the
 * devices' acknowledgements (as the {@link MessageHandler} of the ack channel), and on each {@link
 * #tick} sends again what is still unacknowledged, with back-off, until it expires.
 *
 * <p>An acknowledgement counts only from the device the command was for: one that names another
 * device's command is refused as out of range and logged.
 *
 * <p>Threads: on the twins' (dispatcher's) thread, like the ledger.
 */
public final class CommandPath implements MessageHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CommandPath.class);

  private final MqttGateway gateway;
  private final CommandLedger ledger;
  private final Clock clock;
  private long resent;

  public CommandPath(MqttGateway gateway, CommandLedger ledger, Clock clock) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends a new command and records it. */
  public void send(Command command) {
    ledger.issue(command, clock.instant());
    gateway.send(command);
  }

  /** Sends again what is due, expires what is over; returns how many were sent again. */
  public int tick() {
    java.time.Instant now = clock.instant();
    List<Command> due = ledger.due(now);
    for (Command c : due) {
      gateway.send(c);
    }
    resent += due.size();
    // what settled more than an hour ago is only counted from now on: a service that runs for a
    // season keeps the last hour of its commands, not all of them
    if (!now.isBefore(nextForget)) {
      ledger.forgetBefore(now.minus(KEEP));
      nextForget = now.plus(java.time.Duration.ofMinutes(15));
    }
    return due.size();
  }

  private static final java.time.Duration KEEP = java.time.Duration.ofHours(1);
  private java.time.Instant nextForget = java.time.Instant.MIN;

  @Override
  public Verdict accept(String topic, byte[] payload) {
    Optional<Topics.DeviceTopic> t = Topics.parse(topic);
    if (t.isEmpty() || t.get().channel() != Channel.ACK) {
      return Verdict.BAD_TOPIC;
    }
    CommandCodec.AckResult r = CommandCodec.decodeAck(payload);
    if (r.ack().isEmpty()) {
      LOG.warn("ack refused ({}) on {}: {}", r.verdict().key(), topic, r.problem());
      return r.verdict();
    }
    CommandCodec.Ack ack = r.ack().get();
    Optional<CommandLedger.Entry> entry = ledger.entry(ack.commandId());
    if (entry.isPresent() && !entry.get().command().device().value().equals(t.get().device())) {
      LOG.warn(
          "ack refused (out_of_range) on {}: command {} was for {}",
          topic,
          ack.commandId(),
          entry.get().command().device());
      return Verdict.OUT_OF_RANGE;
    }
    return switch (ledger.acknowledge(
        ack.commandId(), ack.status(), ack.reason(), clock.instant())) {
      case RECORDED -> Verdict.ACCEPTED;
      case ALREADY_SETTLED -> Verdict.DUPLICATE;
      case UNKNOWN_COMMAND -> Verdict.UNKNOWN_DEVICE;
    };
  }

  /** Commands sent again so far. */
  public long resent() {
    return resent;
  }

  public CommandLedger ledger() {
    return ledger;
  }
}
