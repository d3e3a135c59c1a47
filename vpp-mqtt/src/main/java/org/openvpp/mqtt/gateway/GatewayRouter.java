package org.openvpp.mqtt.gateway;

import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;

/**
 * Sends each message to the handler of its channel: births to registration, acknowledgements to the
 * command path, telemetry to ingest.
 */
public final class GatewayRouter implements MessageHandler {
  private final DeviceRegistrar births;
  private final TelemetryIngest telemetry;
  private final MessageHandler acks;
  private final MessageHandler statuses;

  public GatewayRouter(
      DeviceRegistrar births,
      TelemetryIngest telemetry,
      MessageHandler acks,
      MessageHandler statuses) {
    this.births = births;
    this.telemetry = telemetry;
    this.acks = acks;
    this.statuses = statuses;
  }

  /** A router whose status messages are refused as bad topics. */
  public GatewayRouter(DeviceRegistrar births, TelemetryIngest telemetry, MessageHandler acks) {
    this(births, telemetry, acks, (topic, payload) -> Verdict.BAD_TOPIC);
  }

  /** A router for a gateway that sends no commands: acknowledgements are refused as bad topics. */
  public GatewayRouter(DeviceRegistrar births, TelemetryIngest telemetry) {
    this(births, telemetry, (topic, payload) -> Verdict.BAD_TOPIC);
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
    }
    return telemetry.accept(topic, payload);
  }
}
