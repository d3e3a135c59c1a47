package org.openvpp.mqtt.gateway;

import java.util.Map;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.broker.MosquittoProcess;

/** The gateway against a real Mosquitto server with the protocol's password file and ACLs. */
class MosquittoGatewayTest extends MqttGatewayTest {
  @Override
  Broker startBroker(Map<String, String> users, int port) throws Exception {
    return MosquittoProcess.start(users, port);
  }
}
