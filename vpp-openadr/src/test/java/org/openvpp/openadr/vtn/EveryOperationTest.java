package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Calls every operation of the definition over HTTP, each request and response checked against it
 * by {@link Api}, and then checks that none was left out.
 */
class EveryOperationTest {

  private static final VtnFixture VTN = new VtnFixture();
  private static final Receiver RECEIVER = new Receiver(0);

  @AfterAll
  static void stop() {
    RECEIVER.close();
    VTN.close();
  }

  @Test
  void servesEveryOperationOfTheDefinition() {
    Api api = VTN.api;
    String bl = VTN.blToken;
    String ven = VTN.ven1Token;

    // auth
    assertThat(api.call("GET", "/auth/server", "", "", null).text("tokenURL"))
        .endsWith("/auth/token");

    // programs
    String program = api.call("POST", "/programs", "", bl, Bodies.program("peak")).text("id");
    assertThat(api.call("GET", "/programs", "", bl, null).body().size()).isEqualTo(1);
    assertThat(api.call("GET", "/programs/{programID}", program, bl, null).text("programName"))
        .isEqualTo("peak");
    assertThat(
            api.call("PUT", "/programs/{programID}", program, bl, Bodies.program("peak-2"))
                .status())
        .isEqualTo(200);

    // events
    String event = api.call("POST", "/events", "", bl, Bodies.event(program)).text("id");
    assertThat(api.call("GET", "/events", "", ven, null).body().size()).isEqualTo(1);
    assertThat(api.call("GET", "/events/{eventID}", event, ven, null).text("programID"))
        .isEqualTo(program);
    assertThat(api.call("PUT", "/events/{eventID}", event, bl, Bodies.event(program)).status())
        .isEqualTo(200);

    // vens and resources
    String venId = api.call("POST", "/vens", "", ven, Bodies.venByVen("cloud-1")).text("id");
    assertThat(api.call("GET", "/vens", "", ven, null).body().size()).isEqualTo(1);
    assertThat(api.call("GET", "/vens/{venID}", venId, ven, null).text("clientID"))
        .isEqualTo(VTN.ven1.clientId());
    assertThat(api.call("PUT", "/vens/{venID}", venId, ven, Bodies.venByVen("cloud-1b")).status())
        .isEqualTo(200);
    String resource =
        api.call("POST", "/resources", "", ven, Bodies.resourceByVen("battery-1", venId))
            .text("id");
    assertThat(api.call("GET", "/resources", "", ven, null).body().size()).isEqualTo(1);
    assertThat(api.call("GET", "/resources/{resourceID}", resource, ven, null).text("venID"))
        .isEqualTo(venId);
    assertThat(
            api.call(
                    "PUT",
                    "/resources/{resourceID}",
                    resource,
                    ven,
                    Bodies.resourceByVen("battery-1", venId))
                .status())
        .isEqualTo(200);

    // reports
    String report =
        api.call("POST", "/reports", "", ven, Bodies.report(event, "cloud-1")).text("id");
    assertThat(api.call("GET", "/reports", "", bl, null).body().size()).isEqualTo(1);
    assertThat(api.call("GET", "/reports/{reportID}", report, ven, null).text("clientID"))
        .isEqualTo(VTN.ven1.clientId());
    assertThat(
            api.call("PUT", "/reports/{reportID}", report, ven, Bodies.report(event, "cloud-1"))
                .status())
        .isEqualTo(200);

    // subscriptions
    String sub =
        api.call(
                "POST",
                "/subscriptions",
                "",
                ven,
                Bodies.subscription("cloud-1", RECEIVER.url().toString(), "[\"EVENT\"]"))
            .text("id");
    assertThat(api.call("GET", "/subscriptions", "", ven, null).body().size()).isEqualTo(1);
    assertThat(
            api.call("GET", "/subscriptions/{subscriptionID}", sub, ven, null).text("clientName"))
        .isEqualTo("cloud-1");
    assertThat(
            api.call(
                    "PUT",
                    "/subscriptions/{subscriptionID}",
                    sub,
                    ven,
                    Bodies.subscription(
                        "cloud-1", RECEIVER.url() + "?second", "[\"EVENT\",\"PROGRAM\"]"))
                .status())
        .isEqualTo(200);

    // notifiers: this VTN has no MQTT notifier, so its topic operations answer 404
    JsonNode notifiers = api.call("GET", "/notifiers", "", ven, null).body();
    assertThat(notifiers.path("WEBHOOK").asBoolean()).isTrue();
    assertThat(notifiers.has("MQTT")).isFalse();
    for (String topic :
        new String[] {
          "/notifiers/mqtt/topics/programs",
          "/notifiers/mqtt/topics/programs/{programID}",
          "/notifiers/mqtt/topics/events",
          "/notifiers/mqtt/topics/programs/{programID}/events",
          "/notifiers/mqtt/topics/reports",
          "/notifiers/mqtt/topics/subscriptions",
          "/notifiers/mqtt/topics/vens",
          "/notifiers/mqtt/topics/vens/{venID}",
          "/notifiers/mqtt/topics/resources",
          "/notifiers/mqtt/topics/vens/{venID}/events",
          "/notifiers/mqtt/topics/vens/{venID}/programs",
          "/notifiers/mqtt/topics/vens/{venID}/resources"
        }) {
      String id = topic.contains("{programID}") ? program : venId;
      assertThat(api.call("GET", topic, id, bl, null).status()).as(topic).isEqualTo(404);
    }

    // deletes, children first
    assertThat(api.call("DELETE", "/subscriptions/{subscriptionID}", sub, ven, null).status())
        .isEqualTo(200);
    assertThat(api.call("DELETE", "/reports/{reportID}", report, ven, null).status())
        .isEqualTo(200);
    assertThat(api.call("DELETE", "/resources/{resourceID}", resource, ven, null).status())
        .isEqualTo(200);
    assertThat(api.call("DELETE", "/vens/{venID}", venId, ven, null).status()).isEqualTo(200);
    assertThat(api.call("DELETE", "/events/{eventID}", event, bl, null).status()).isEqualTo(200);
    assertThat(api.call("DELETE", "/programs/{programID}", program, bl, null).status())
        .isEqualTo(200);
    assertThat(api.call("GET", "/programs/{programID}", program, bl, null).status()).isEqualTo(404);

    assertThat(Api.CALLED).containsAll(operations());
  }

  /** Every operation of the definition, as {@code METHOD /path}. */
  static Set<String> operations() {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : Api.DEFINITION.document().path("paths").properties()) {
      for (Map.Entry<String, JsonNode> m : path.getValue().properties()) {
        if (!m.getKey().equals("parameters")) {
          out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return out;
  }

  @Test
  void theDefinitionHas45Operations() {
    assertThat(operations()).hasSize(45);
  }
}
