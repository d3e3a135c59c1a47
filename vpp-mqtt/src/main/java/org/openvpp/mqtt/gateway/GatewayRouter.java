package org.openvpp.mqtt.gateway;

import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;

/**
 * Sends each message to the handler of its channel: births to registration, telemetry to ingest.
 */
public final class GatewayRouter implements MessageHandler {
  private final DeviceRegistrar births;
  private final TelemetryIngest telemetry;

  public GatewayRouter(DeviceRegistrar births, TelemetryIngest telemetry) {
    this.births = births;
    this.telemetry = telemetry;
  }

  @Override
  public Verdict accept(String topic, byte[] payload) {
    long located = Topics.locate(topic);
    if (located >= 0 && Topics.channelOf(located) == Channel.BIRTH) {
      return births.accept(topic, payload);
    }
    return telemetry.accept(topic, payload);
  }
}
