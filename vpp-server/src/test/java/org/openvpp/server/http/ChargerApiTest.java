package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.service.register.Register;
import org.openvpp.units.Power;

/**
 * Operations on EV chargers over HTTP, against the service with its OCPP central system and charge
 * points on real WebSockets (2.0.1 and 1.6): each operation reaches the charger and its answer is
 * the response; bad bodies, unknown and absent chargers, what a version lacks, passwords, refusals
 * and silence are answered as the API's conventions say; each is in the audit log.
 */
class ChargerApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static final String CP201 = "EVSE-201";
  static final String CP16 = "EVSE-16";
  static final String SECRET = "a-password-that-must-never-show-0001";
  static World world;
  static OcppCharger v201;
  static OcppCharger v16;

  @BeforeAll
  static void start() throws Exception {
    world = new World(START, Security.inMemory().withSignUpLimit(1_000), true);
    world.run(Duration.ofMinutes(1));
    Register r = world.service.register();
    var customer = r.addCustomer(Optional.empty(), "Home 1");
    var site = r.addSite(Optional.empty(), customer.id(), "m-1", "fontana", "feeder-1");
    for (String id : List.of(CP201, CP16, "EVSE-OFF")) {
      r.linkDevice(site.id(), DeviceId.of(id), DeviceKind.EV_CHARGER, Power.ofKilowatts(7.4));
    }
    int port = world.ocpp.orElseThrow().port();
    v201 = new OcppCharger(port, CP201, "ocpp2.0.1", ChargerApiTest::answer201);
    assertThat(
            v201.call(
                    "b",
                    "BootNotification",
                    "{\"reason\":\"PowerUp\",\"chargingStation\":{\"model\":\"M\",\"vendorName\":\"V\"}}")
                .get(2)
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    v16 = new OcppCharger(port, CP16, "ocpp1.6", ChargerApiTest::answer16);
    assertThat(
            v16.call(
                    "b",
                    "BootNotification",
                    "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}")
                .get(2)
                .path("status")
                .asText())
        .isEqualTo("Accepted");
  }

  @AfterAll
  static void stop() {
    v201.close();
    v16.close();
    world.close();
  }

  /**
   * The 2.0.1 charger: answers each operation; OnIdle is a CALLERROR, a Heartbeat trigger silence.
   */
  static Optional<String> answer201(String action, JsonNode p) {
    return switch (action) {
      case "RequestStartTransaction" ->
          Optional.of("{\"status\":\"Accepted\",\"transactionId\":\"TX-1\"}");
      case "RequestStopTransaction" ->
          Optional.of("{\"status\":\"Rejected\",\"statusInfo\":{\"reasonCode\":\"UnknownTx\"}}");
      case "ChangeAvailability" -> Optional.of("{\"status\":\"Scheduled\"}");
      case "Reset" ->
          p.path("type").asText().equals("OnIdle")
              ? Optional.of("\"NotSupported\",\"no idle reset here\",{}")
              : Optional.of("{\"status\":\"Accepted\"}");
      case "TriggerMessage" ->
          p.path("requestedMessage").asText().equals("Heartbeat")
              ? Optional.empty()
              : Optional.of("{\"status\":\"Accepted\"}");
      case "GetVariables" -> {
        StringBuilder b = new StringBuilder("{\"getVariableResult\":[");
        for (JsonNode d : p.path("getVariableData")) {
          if (b.charAt(b.length() - 1) != '[') {
            b.append(',');
          }
          b.append("{\"attributeStatus\":\"Accepted\",\"attributeValue\":\"300\",\"component\":")
              .append(d.path("component"))
              .append(",\"variable\":")
              .append(d.path("variable"))
              .append('}');
        }
        yield Optional.of(b.append("]}").toString());
      }
      case "SetVariables" -> {
        JsonNode d = p.path("setVariableData").get(0);
        yield Optional.of(
            "{\"setVariableResult\":[{\"attributeStatus\":\"Accepted\",\"component\":"
                + d.path("component")
                + ",\"variable\":"
                + d.path("variable")
                + "}]}");
      }
      default -> Optional.of("\"NotImplemented\",\"not in this test\",{}");
    };
  }

  static Optional<String> answer16(String action, JsonNode p) {
    return switch (action) {
      case "Reset" -> Optional.of("{\"status\":\"Accepted\"}");
      case "GetConfiguration" ->
          Optional.of(
              "{\"configurationKey\":[{\"key\":\"HeartbeatInterval\",\"readonly\":false,"
                  + "\"value\":\"300\"}],\"unknownKey\":[\"Nope\"]}");
      default -> Optional.of("\"NotImplemented\",\"not in this test\",{}");
    };
  }

  static World.Answer operate(String charger, Object body) {
    return world.post("/api/v1/chargers/" + charger + "/operations", World.json(body), world.admin);
  }

  /** Operates on the 2.0.1 charger: 200, and the CALL it got. */
  static JsonNode ok201(Map<String, Object> body, String action) throws Exception {
    World.Answer a = operate(CP201, body);
    assertThat(a.status()).as("%s", a).isEqualTo(200);
    OcppCharger.Received got = v201.next();
    assertThat(got.action()).isEqualTo(action);
    assertThat(a.body().path("action").asText()).isEqualTo(action);
    assertThat(a.body().path("charger").asText()).isEqualTo(CP201);
    assertThat(a.body().path("version").asText()).isEqualTo("2.0.1");
    return a.body();
  }

  @Test
  void operatorsSeeTheChargersWithTheirVersionAndSite() {
    World.Answer a = world.get("/api/v1/chargers", world.viewer);
    assertThat(a.status()).as("%s", a).isEqualTo(200);
    JsonNode items = a.body().path("items");
    assertThat(items.findValuesAsText("id")).contains(CP16, CP201);
    for (JsonNode c : items) {
      if (c.path("id").asText().equals(CP201)) {
        assertThat(c.path("connected").asBoolean()).isTrue();
        assertThat(c.path("version").asText()).isEqualTo("2.0.1");
        assertThat(c.path("securityProfile").asInt()).isZero();
        assertThat(c.path("siteId").asText()).isNotEmpty();
        assertThat(c.path("awaitingApproval").asBoolean()).isFalse();
      }
    }
    assertThat(world.get("/api/v1/chargers", world.partner).status()).isEqualTo(403);
  }

  @Test
  void eachOperationReachesA201ChargerAndItsAnswerIsTheResponse() throws Exception {
    JsonNode started =
        ok201(
            Map.of("operation", "remoteStart", "idToken", "TAG-1", "evseId", 1),
            "RequestStartTransaction");
    assertThat(started.path("status").asText()).isEqualTo("Accepted");
    assertThat(started.path("accepted").asBoolean()).isTrue();
    assertThat(started.path("transactionId").asText()).isEqualTo("TX-1");

    JsonNode stopped =
        ok201(Map.of("operation", "remoteStop", "transactionId", "TX-1"), "RequestStopTransaction");
    assertThat(stopped.path("status").asText()).isEqualTo("Rejected");
    assertThat(stopped.path("accepted").asBoolean()).isFalse();
    assertThat(stopped.path("reason").asText()).isEqualTo("UnknownTx");

    JsonNode available =
        ok201(
            Map.of("operation", "changeAvailability", "availability", "inoperative", "evseId", 1),
            "ChangeAvailability");
    assertThat(available.path("status").asText()).isEqualTo("Scheduled");

    assertThat(
            ok201(Map.of("operation", "reset", "type", "Immediate"), "Reset")
                .path("status")
                .asText())
        .isEqualTo("Accepted");

    assertThat(
            ok201(
                    Map.of(
                        "operation",
                        "triggerMessage",
                        "message",
                        "StatusNotification",
                        "evseId",
                        1),
                    "TriggerMessage")
                .path("accepted")
                .asBoolean())
        .isTrue();

    JsonNode read =
        ok201(
            Map.of(
                "operation",
                "readSettings",
                "settings",
                List.of(Map.of("component", "OCPPCommCtrlr", "name", "HeartbeatInterval"))),
            "GetVariables");
    assertThat(read.path("settings").get(0).path("component").asText()).isEqualTo("OCPPCommCtrlr");
    assertThat(read.path("settings").get(0).path("value").asText()).isEqualTo("300");

    JsonNode changed =
        ok201(
            Map.of(
                "operation",
                "changeSetting",
                "component",
                "OCPPCommCtrlr",
                "name",
                "HeartbeatInterval",
                "value",
                "600"),
            "SetVariables");
    assertThat(changed.path("status").asText()).isEqualTo("Accepted");
  }

  @Test
  void a16ChargerResetsHardAndReadsItsKeys() throws Exception {
    World.Answer reset = operate(CP16, Map.of("operation", "reset", "type", "Hard"));
    assertThat(reset.status()).as("%s", reset).isEqualTo(200);
    assertThat(reset.body().path("version").asText()).isEqualTo("1.6");
    assertThat(v16.next().payload().toString()).isEqualTo("{\"type\":\"Hard\"}");
    World.Answer read = operate(CP16, Map.of("operation", "readSettings"));
    assertThat(read.status()).as("%s", read).isEqualTo(200);
    assertThat(v16.next().action()).isEqualTo("GetConfiguration");
    JsonNode settings = read.body().path("settings");
    assertThat(settings.get(0).path("name").asText()).isEqualTo("HeartbeatInterval");
    assertThat(settings.get(0).path("readOnly").asBoolean(true)).isFalse();
    assertThat(settings.get(1).path("status").asText()).isEqualTo("UnknownKey");
  }

  @Test
  void aMalformedBodyIs400NamingWhatWasWrongAndNothingIsSent() {
    record Case(String body, String message) {}
    List<Case> cases =
        List.of(
            new Case("{\"operation\":\"explode\"}", "operation must be one of"),
            new Case("{}", "operation"),
            new Case("{\"operation\":\"reset\"}", "needs type"),
            new Case("{\"operation\":\"reset\",\"type\":\"Sideways\"}", "Immediate or OnIdle"),
            new Case(
                "{\"operation\":\"reset\",\"type\":\"Immediate\",\"idToken\":\"T\"}",
                "does not take idToken"),
            new Case("{\"operation\":\"reset\",\"type\":\"Immediate\",\"extra\":1}", "extra"),
            new Case(
                "{\"operation\":\"changeAvailability\",\"availability\":\"Operative\",\"evseId\":-1}",
                "evseId"),
            new Case(
                "{\"operation\":\"changeAvailability\",\"availability\":\"Sometimes\"}",
                "Operative or Inoperative"),
            new Case("{\"operation\":\"triggerMessage\",\"message\":\"Hello\"}", "message must be"),
            new Case("{\"operation\":\"readSettings\",\"settings\":[{\"name\":\"\"}]}", "1 to 50"),
            new Case("{\"operation\":\"remoteStart\",\"idToken\":\"\"}", "idToken"),
            new Case("not json", "JSON"));
    for (Case c : cases) {
      World.Answer a =
          world.post("/api/v1/chargers/" + CP201 + "/operations", c.body(), world.admin);
      assertThat(a.status()).as("%s: %s", c.body(), a).isEqualTo(400);
      assertThat(a.body().path("message").asText()).as("%s", c.body()).contains(c.message());
    }
    assertThat(v201.noCalls()).isTrue();
  }

  @Test
  void anUnknownChargerIs404AnAbsentOne409AndWhatItsVersionLacks409() {
    World.Answer unknown = operate("NOBODY", Map.of("operation", "reset", "type", "Hard"));
    assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
    World.Answer absent = operate("EVSE-OFF", Map.of("operation", "reset", "type", "Hard"));
    assertThat(absent.status()).as("%s", absent).isEqualTo(409);
    assertThat(absent.body().path("reason").asText()).isEqualTo("NOT_CONNECTED");
    World.Answer other = operate(CP201, Map.of("operation", "reset", "type", "Hard"));
    assertThat(other.status()).as("%s", other).isEqualTo(409);
    assertThat(other.body().path("reason").asText()).isEqualTo("NOT_IN_VERSION");
    assertThat(other.body().path("message").asText()).contains("Immediate or OnIdle");
    World.Answer noComponent =
        operate(
            CP201, Map.of("operation", "changeSetting", "name", "HeartbeatInterval", "value", "1"));
    assertThat(noComponent.status()).isEqualTo(409);
    assertThat(noComponent.body().path("message").asText()).contains("component");
    assertThat(v201.noCalls()).isTrue();
  }

  @Test
  void aPasswordIsNeverSetThroughTheApiNorWrittenToTheAuditLog() {
    for (String[] s :
        new String[][] {
          {CP201, "SecurityCtrlr", "BasicAuthPassword"}, {CP16, "", "AuthorizationKey"}
        }) {
      Map<String, Object> body =
          s[1].isEmpty()
              ? Map.of("operation", "changeSetting", "name", s[2], "value", SECRET)
              : Map.of(
                  "operation", "changeSetting", "component", s[1], "name", s[2], "value", SECRET);
      World.Answer a = operate(s[0], body);
      assertThat(a.status()).as("%s", a).isEqualTo(400);
      assertThat(a.body().path("reason").asText()).isEqualTo("SECRET");
      assertThat(a.body().path("message").asText()).contains("rotation").doesNotContain(SECRET);
    }
    assertThat(v201.noCalls()).isTrue();
    assertThat(v16.noCalls()).isTrue();
    assertThat(world.security.audit().entries().toString())
        .contains("BasicAuthPassword (a secret, value withheld)")
        .doesNotContain(SECRET);
  }

  @Test
  void onlyAnOperatorAdminOperates() {
    World.Answer a =
        world.post(
            "/api/v1/chargers/" + CP201 + "/operations",
            World.json(Map.of("operation", "reset", "type", "Immediate")),
            world.viewer);
    assertThat(a.status()).isEqualTo(403);
    assertThat(v201.noCalls()).isTrue();
  }

  @Test
  void aCallErrorIs502AndSilenceIs504() throws Exception {
    World.Answer refused = operate(CP201, Map.of("operation", "reset", "type", "OnIdle"));
    assertThat(refused.status()).as("%s", refused).isEqualTo(502);
    assertThat(refused.code()).isEqualTo("charger_refused");
    assertThat(refused.body().path("message").asText()).contains("NotSupported", "no idle reset");
    assertThat(v201.next().action()).isEqualTo("Reset");

    CompletableFuture<World.Answer> silent =
        CompletableFuture.supplyAsync(
            () -> operate(CP201, Map.of("operation", "triggerMessage", "message", "Heartbeat")));
    assertThat(v201.next().action()).isEqualTo("TriggerMessage");
    // the central system's 30 s run on the service's clock: a minute of it passes
    world.run(Duration.ofMinutes(1));
    World.Answer timedOut = silent.get(20, TimeUnit.SECONDS);
    assertThat(timedOut.status()).as("%s", timedOut).isEqualTo(504);
    assertThat(timedOut.code()).isEqualTo("charger_timeout");
  }

  @Test
  void eachOperationIsAuditedWithWhoWhichChargerWhatAndTheOutcome() throws Exception {
    ok201(
        Map.of("operation", "changeAvailability", "availability", "Operative"),
        "ChangeAvailability");
    operate("EVSE-OFF", Map.of("operation", "reset", "type", "Hard"));
    var entries =
        world.security.audit().entries().stream()
            .filter(e -> e.action().equals("charger.operation"))
            .toList();
    assertThat(entries)
        .anyMatch(
            e ->
                e.subject().equals("admin")
                    && e.target()
                        .equals(CP201 + ": change availability to Operative of the charger")
                    && e.outcome().equals("done: Scheduled"));
    assertThat(entries)
        .anyMatch(
            e ->
                e.target().equals("EVSE-OFF: reset Hard")
                    && e.outcome()
                        .startsWith("refused: conflict: charger EVSE-OFF is not connected"));
    assertThat(world.get("/api/v1/audit?limit=500", world.admin).text())
        .contains("charger.operation");
  }
}
