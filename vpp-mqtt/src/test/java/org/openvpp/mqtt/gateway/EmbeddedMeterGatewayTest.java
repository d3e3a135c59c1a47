package org.openvpp.mqtt.gateway;

import java.util.Map;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.broker.EmbeddedBroker;

/** Meter readings and the gateway's persistent session through the embedded broker. */
class EmbeddedMeterGatewayTest extends MeterGatewayTest {
  @Override
  Broker startBroker(Map<String, String> users, int port) throws Exception {
    return EmbeddedBroker.start(users, port);
  }
}
