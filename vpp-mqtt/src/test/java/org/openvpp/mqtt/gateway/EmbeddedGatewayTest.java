package org.openvpp.mqtt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;

/** The gateway against the embedded broker of {@code ./vpp up}, with the same users and rules. */
class EmbeddedGatewayTest extends MqttGatewayTest {
  @Override
  Broker startBroker(Map<String, String> users, int port) throws Exception {
    return EmbeddedBroker.start(users, port);
  }

  @Test
  void refusalsAreAnsweredNotAuthorizedAndCounted() throws Exception {
    EmbeddedBroker embedded = (EmbeddedBroker) broker;
    long publishes = embedded.refusedPublishes();
    long subscriptions = embedded.refusedSubscriptions();
    MqttAsyncClient c = new MqttAsyncClient(broker.uri(), "bat-2-probe", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName("bat-2");
    o.setPassword("pw-2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
    c.setCallback(
        new OnMessage() {
          @Override
          public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {}

          @Override
          public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
            dropped.countDown();
          }
        });
    c.connect(o).waitForCompletion(10_000);
    try {
      IMqttToken sub = c.subscribe(Topics.of("bat-1", Channel.COMMAND), 1);
      sub.waitForCompletion(10_000);
      assertThat(sub.getReasonCodes()[0]).isEqualTo(0x87);
      IMqttToken pub = c.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, 3), 1, false);
      pub.waitForCompletion(10_000);
      assertThat(pub.getReasonCodes()[0]).isEqualTo(0x87);
    } finally {
      // HiveMQ closes a connection that published where it may not.
      assertThat(dropped.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(c.isConnected()).isFalse();
      c.close(true);
    }
    assertThat(embedded.refusedPublishes()).isEqualTo(publishes + 1);
    assertThat(embedded.refusedSubscriptions()).isEqualTo(subscriptions + 1);
  }
}
