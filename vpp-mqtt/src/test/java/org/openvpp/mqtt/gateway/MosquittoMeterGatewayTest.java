package org.openvpp.mqtt.gateway;

import java.util.Map;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.broker.MosquittoProcess;

/** Meter readings and the gateway's persistent session through a real Mosquitto server. */
class MosquittoMeterGatewayTest extends MeterGatewayTest {
  @Override
  Broker startBroker(Map<String, String> users, int port) throws Exception {
    return MosquittoProcess.start(users, port);
  }
}
