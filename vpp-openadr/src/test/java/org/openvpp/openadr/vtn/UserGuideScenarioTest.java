package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The User Guide's sequences over HTTP: the business logic publishes a program and events; a VEN
 * registers, adds resources and subscribes; the VTN calls the VEN's webhook; the VEN reads the
 * event and reports; the business logic reads the reports. Every body is checked against the
 * definition by {@link Api}, the notifications too.
 */
class UserGuideScenarioTest {

  private final VtnFixture vtn = new VtnFixture();
  private final Receiver receiver = new Receiver(0);
  private final Api api = vtn.api;

  @AfterEach
  void stop() {
    receiver.close();
    vtn.close();
  }

  private static void assertNotification(Receiver.Received n, String type, String operation) {
    assertThat(Api.DEFINITION.validate("notification", n.body())).as(n.body().toString()).isEmpty();
    assertThat(n.body().path("objectType").asText()).isEqualTo(type);
    assertThat(n.body().path("operation").asText()).isEqualTo(operation);
    assertThat(n.authorization()).isEqualTo("Bearer hook-secret");
  }

  @Test
  void programEventEnrolmentSubscriptionCallbackAndReport() {
    // BL publishes a program targeted at a group.
    String program =
        api.call(
                "POST", "/programs", "", vtn.blToken, Bodies.program("residential-peak", "group-1"))
            .text("id");

    // The VEN registers itself; BL grants it the group.
    JsonNode ven = api.call("POST", "/vens", "", vtn.ven1Token, Bodies.venByVen("cloud-1")).body();
    String venId = ven.path("id").asText();
    assertThat(ven.path("clientID").asText()).isEqualTo(vtn.ven1.clientId());
    assertThat(ven.path("targets").size()).isZero();
    assertThat(
            api.call(
                    "PUT",
                    "/vens/{venID}",
                    venId,
                    vtn.blToken,
                    Bodies.venByBl("cloud-1", vtn.ven1.clientId(), "group-1"))
                .status())
        .isEqualTo(200);

    // The VEN adds its resources and finds the program through its target.
    assertThat(
            api.call(
                    "POST",
                    "/resources",
                    "",
                    vtn.ven1Token,
                    Bodies.resourceByVen("battery-1", venId))
                .status())
        .isEqualTo(201);
    assertThat(
            api.call(
                    "POST",
                    "/resources",
                    "",
                    vtn.ven1Token,
                    Bodies.resourceByVen("battery-2", venId))
                .status())
        .isEqualTo(201);
    JsonNode programs =
        api.call("GET", "/programs", "", "targets=group-1", vtn.ven1Token, null, true).body();
    assertThat(programs.size()).isEqualTo(1);
    assertThat(programs.get(0).path("id").asText()).isEqualTo(program);

    // The VEN subscribes to events of the program.
    JsonNode subscription =
        Bodies.subscription("cloud-1", receiver.url().toString(), "[\"EVENT\"]");
    ((com.fasterxml.jackson.databind.node.ObjectNode) subscription).put("programID", program);
    assertThat(api.call("POST", "/subscriptions", "", vtn.ven1Token, subscription).status())
        .isEqualTo(201);

    // BL publishes an event: the VTN calls the VEN back.
    String event =
        api.call("POST", "/events", "", vtn.blToken, Bodies.event(program, "group-1")).text("id");
    Receiver.Received created = receiver.next();
    assertNotification(created, "EVENT", "CREATE");
    assertThat(created.body().path("object").path("id").asText()).isEqualTo(event);
    assertThat(created.body().path("object").path("intervals").size()).isEqualTo(2);

    // The VEN reads the event and reports on it.
    JsonNode events =
        api.call(
                "GET",
                "/events",
                "",
                "programID=" + program + "&targets=group-1",
                vtn.ven1Token,
                null,
                true)
            .body();
    assertThat(events.size()).isEqualTo(1);
    assertThat(events.get(0).path("reportDescriptors").get(0).path("payloadType").asText())
        .isEqualTo("USAGE");
    JsonNode report =
        api.call("POST", "/reports", "", vtn.ven1Token, Bodies.report(event, "cloud-1")).body();
    assertThat(report.path("clientID").asText()).isEqualTo(vtn.ven1.clientId());

    // BL reads the reports of the program.
    JsonNode reports =
        api.call("GET", "/reports", "", "programID=" + program, vtn.blToken, null, true).body();
    assertThat(reports.size()).isEqualTo(1);
    assertThat(
            reports
                .get(0)
                .path("resources")
                .get(0)
                .path("intervals")
                .get(0)
                .path("payloads")
                .get(0)
                .path("values")
                .get(0)
                .asDouble())
        .isEqualTo(0.8);

    // BL updates, then cancels (deletes) the event: the VEN hears both.
    api.call("PUT", "/events/{eventID}", event, vtn.blToken, Bodies.event(program, "group-1"));
    assertNotification(receiver.next(), "EVENT", "UPDATE");
    api.call("DELETE", "/events/{eventID}", event, vtn.blToken, null);
    assertNotification(receiver.next(), "EVENT", "DELETE");
  }

  @Test
  void aVenWithGrantedTargetsReportsOnAnEventWithoutTargets() {
    String program =
        api.call("POST", "/programs", "", vtn.blToken, Bodies.program("open")).text("id");
    api.call(
        "POST",
        "/vens",
        "",
        vtn.blToken,
        Bodies.venByBl("cloud-1", vtn.ven1.clientId(), "group-1"));
    String event = api.call("POST", "/events", "", vtn.blToken, Bodies.event(program)).text("id");
    assertThat(api.call("GET", "/events/{eventID}", event, vtn.ven1Token, null).status())
        .isEqualTo(200);
    assertThat(
            api.call("POST", "/reports", "", vtn.ven1Token, Bodies.report(event, "cloud-1"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void aVenHearsOnlyOfEventsTargetedAtIt() {
    String program = api.call("POST", "/programs", "", vtn.blToken, Bodies.program("p")).text("id");
    api.call(
        "POST",
        "/vens",
        "",
        vtn.blToken,
        Bodies.venByBl("cloud-1", vtn.ven1.clientId(), "group-1"));
    api.call(
        "POST",
        "/subscriptions",
        "",
        vtn.ven1Token,
        Bodies.subscription("cloud-1", receiver.url().toString(), "[\"EVENT\"]"));

    api.call("POST", "/events", "", vtn.blToken, Bodies.event(program, "group-2"));
    String mine =
        api.call("POST", "/events", "", vtn.blToken, Bodies.event(program, "group-1", "group-2"))
            .text("id");

    Receiver.Received n = receiver.next();
    assertThat(n.body().path("object").path("id").asText()).isEqualTo(mine);
    // Target hiding: the VEN is shown only the target granted to it.
    assertThat(n.body().path("object").path("targets").toString()).isEqualTo("[\"group-1\"]");
    assertThat(receiver.poll(300)).isEmpty();
  }

  @Test
  void theBusinessLogicHearsOfVenEnrolmentAndReports() {
    String program = api.call("POST", "/programs", "", vtn.blToken, Bodies.program("p")).text("id");
    String event = api.call("POST", "/events", "", vtn.blToken, Bodies.event(program)).text("id");
    api.call(
        "POST",
        "/subscriptions",
        "",
        vtn.blToken,
        Bodies.subscription(
            "utility", receiver.url().toString(), "[\"VEN\",\"RESOURCE\",\"REPORT\"]"));

    String venId =
        api.call("POST", "/vens", "", vtn.ven1Token, Bodies.venByVen("cloud-1")).text("id");
    api.call("POST", "/resources", "", vtn.ven1Token, Bodies.resourceByVen("battery-1", venId));
    api.call("POST", "/reports", "", vtn.ven1Token, Bodies.report(event, "cloud-1"));

    List<String> types = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Receiver.Received n = receiver.next();
      assertNotification(n, n.body().path("objectType").asText(), "CREATE");
      types.add(n.body().path("objectType").asText());
    }
    assertThat(types).containsExactlyInAnyOrder("VEN", "RESOURCE", "REPORT");
  }
}
