package org.openvpp.mqtt.gateway;

import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;

/**
 * Sends each message of the twins' queue to the handler of its channel: births to registration,
 * acknowledgements to the command path, statuses to the twins, a simulated world's clock ticks to
 * the clock path, telemetry (a device's, or a device cloud's batch) and anything else to ingest,
 * which refuses what is not telemetry as a bad topic. (Meter readings never come here: the gateway
 * handles them on a thread of their own.)
 */
public final class GatewayRouter implements MessageHandler {
  private static final MessageHandler BAD_TOPIC = (topic, payload) -> Verdict.BAD_TOPIC;

  private final DeviceRegistrar births;
  private final TelemetryIngest telemetry;
  private final MessageHandler acks;
  private final MessageHandler statuses;
  private final MessageHandler clock;

  /**
   * @param clock takes clock ticks ({@link ClockPath}); in a service whose world is not simulated,
   *     one that refuses them
   */
  public GatewayRouter(
      DeviceRegistrar births,
      TelemetryIngest telemetry,
      MessageHandler acks,
      MessageHandler statuses,
      MessageHandler clock) {
    this.births = births;
    this.telemetry = telemetry;
    this.acks = acks;
    this.statuses = statuses;
    this.clock = clock;
  }

  /** A router whose clock ticks are refused as bad topics. */
  public GatewayRouter(
      DeviceRegistrar births,
      TelemetryIngest telemetry,
      MessageHandler acks,
      MessageHandler statuses) {
    this(births, telemetry, acks, statuses, BAD_TOPIC);
  }

  /** A router whose status messages are refused as bad topics. */
  public GatewayRouter(DeviceRegistrar births, TelemetryIngest telemetry, MessageHandler acks) {
    this(births, telemetry, acks, BAD_TOPIC);
  }

  /** A router for a gateway that sends no commands: acknowledgements are refused as bad topics. */
  public GatewayRouter(DeviceRegistrar births, TelemetryIngest telemetry) {
    this(births, telemetry, BAD_TOPIC);
  }

  @Override
  public Verdict accept(String topic, byte[] payload) {
    long located = Topics.locate(topic);
    if (located >= 0) {
      Channel channel = Topics.channelOf(located);
      if (channel == Channel.BIRTH) {
        return births.accept(topic, payload);
      }
      if (channel == Channel.ACK) {
        return acks.accept(topic, payload);
      }
      if (channel == Channel.STATUS) {
        return statuses.accept(topic, payload);
      }
    } else if (Topics.isClock(topic)) {
      return clock.accept(topic, payload);
    }
    return telemetry.accept(topic, payload);
  }
}
