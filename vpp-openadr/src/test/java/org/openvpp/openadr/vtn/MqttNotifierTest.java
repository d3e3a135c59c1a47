package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MQTT notifier binding against a real Mosquitto: the topic names the VTN lists are the topics
 * it publishes to, with notification objects as the definition gives them.
 */
class MqttNotifierTest {

  record Message(String topic, JsonNode body) {}

  private TestBroker broker;
  private VtnFixture vtn;
  private MqttClient subscriber;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    Optional<TestBroker> b = TestBroker.start();
    assumeTrue(b.isPresent(), "the mosquitto program is not installed");
    broker = b.get();
    vtn = new VtnFixture(VtnConfig.onPort(0).withMqtt(broker.uri(), "oadr"));
    subscriber =
        new MqttClient(
            broker.uri().toString(), "test-" + UUID.randomUUID(), new MemoryPersistence());
    subscriber.connect(new MqttConnectionOptions());
    IMqttMessageListener listener =
        (topic, m) ->
            messages.add(
                new Message(
                    topic, Api.JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8))));
    // The array form: Paho 1.2.5's subscribe(String, int, listener) calls itself.
    subscriber
        .subscribe(
            new MqttSubscription[] {new MqttSubscription("oadr/#", 1)},
            new IMqttMessageListener[] {listener})
        .waitForCompletion(5_000);
  }

  @AfterEach
  void stop() throws Exception {
    if (subscriber != null) {
      subscriber.disconnect();
      subscriber.close();
    }
    if (vtn != null) {
      vtn.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private Message next(String topic) throws InterruptedException {
    while (true) {
      Message m = messages.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("nothing on " + topic + " within 10 s");
      }
      if (m.topic().equals(topic)) {
        assertThat(Api.DEFINITION.validate("notification", m.body())).isEmpty();
        return m;
      }
    }
  }

  @Test
  void listsTheBrokerAndPublishesToTheTopicsItNames() throws Exception {
    Api api = vtn.api;
    JsonNode notifiers = api.call("GET", "/notifiers", "", vtn.ven1Token, null).body();
    assertThat(notifiers.path("MQTT").path("URIS").get(0).asText())
        .isEqualTo(broker.uri().toString());

    String created =
        api.call("GET", "/notifiers/mqtt/topics/programs", "", vtn.blToken, null)
            .body()
            .path("topics")
            .path("CREATE")
            .asText();
    assertThat(created).isEqualTo("oadr/programs/create");
    String program =
        api.call("POST", "/programs", "", vtn.blToken, Bodies.program("mqtt")).text("id");
    assertThat(next(created).body().path("object").path("id").asText()).isEqualTo(program);

    String programEvents =
        api.call(
                "GET",
                "/notifiers/mqtt/topics/programs/{programID}/events",
                program,
                vtn.ven1Token,
                null)
            .body()
            .path("topics")
            .path("CREATE")
            .asText();
    String venId =
        api.call("POST", "/vens", "", vtn.blToken, Bodies.venByBl("v1", vtn.ven1.clientId(), "g1"))
            .text("id");
    String venEvents =
        api.call("GET", "/notifiers/mqtt/topics/vens/{venID}/events", venId, vtn.ven1Token, null)
            .body()
            .path("topics")
            .path("CREATE")
            .asText();
    String event =
        api.call("POST", "/events", "", vtn.blToken, Bodies.event(program, "g1", "g2")).text("id");
    assertThat(next(programEvents).body().path("object").path("id").asText()).isEqualTo(event);
    Message forVen = next(venEvents);
    assertThat(forVen.body().path("object").path("targets").toString()).isEqualTo("[\"g1\"]");

    String update =
        api.call("GET", "/notifiers/mqtt/topics/programs/{programID}", program, vtn.blToken, null)
            .body()
            .path("topics")
            .path("UPDATE")
            .asText();
    api.call("PUT", "/programs/{programID}", program, vtn.blToken, Bodies.program("mqtt-2"));
    assertThat(next(update).body().path("operation").asText()).isEqualTo("UPDATE");
  }

  @Test
  void aVenMayNotListTheBusinessLogicsTopics() {
    assertThat(
            vtn.api.call("GET", "/notifiers/mqtt/topics/reports", "", vtn.ven1Token, null).status())
        .isEqualTo(403);
    String other =
        vtn.api.call("POST", "/vens", "", vtn.ven2Token, Bodies.venByVen("other")).text("id");
    assertThat(
            vtn.api
                .call("GET", "/notifiers/mqtt/topics/vens/{venID}", other, vtn.ven1Token, null)
                .status())
        .isEqualTo(404);
  }
}
