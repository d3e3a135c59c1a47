package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.service.testing.TestEdge;

/**
 * Every change the API offers, made once, is in the audit log: who, what, on what, how it ended,
 * and when in the service's time (a simulated world's 2019, never the wall clock's today).
 */
class AuditApiTest {
  static final Instant START = LocalDate.of(2019, 8, 1).atStartOfDay(World.LA).toInstant();
  static World world;

  @BeforeAll
  static void everyChangeOnce() throws Exception {
    // chargers connect with passwords (security profile 1), so one can be rotated
    world =
        new World(
            START,
            Security.inMemory().withSignUpLimit(1_000),
            java.util.Optional.of(
                new org.openvpp.service.chargers.OcppSettings(
                    "127.0.0.1",
                    0,
                    1,
                    java.util.Optional.empty(),
                    "",
                    org.openvpp.service.chargers.OcppSettings.defaultSchemas(),
                    org.openvpp.service.chargers.OcppSettings.DEFAULT_VEHICLE)));
    world.run(Duration.ofMinutes(1));
    String admin = world.admin;
    ok(world.post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), admin));
    ok(world.put("/api/v1/programs/byo", World.json(TestBodies.byo("byo", START)), admin));
    ok(world.post("/api/v1/customers", World.json(Map.of("name", "Zed")), admin));
    String ana = world.signUp("Ana", "ana").body().path("token").asText();
    ok(
        world.post(
            "/api/v1/me/password",
            World.json(
                Map.of("currentPassword", World.PASSWORD, "newPassword", World.PASSWORD + "!")),
            ana));
    String site =
        ok(world.post(
                "/api/v1/sites",
                World.json(Map.of("meterId", "m-1", "region", "fontana", "feeder", "f-1")),
                ana))
            .path("id")
            .asText();
    String consent =
        ok(world.post(
                "/api/v1/consents",
                World.json(Map.of("siteId", site, "scopes", List.of("CONTROL", "METER_DATA"))),
                ana))
            .path("id")
            .asText();
    ok(
        world.post(
            "/api/v1/sites/" + site + "/devices",
            World.json(Map.of("deviceId", "b-1", "kind", "BATTERY", "capacityKw", 5)),
            ana));
    String enrolment =
        ok(world.post(
                "/api/v1/enrolments",
                World.json(
                    Map.of(
                        "programId",
                        "byo",
                        "siteId",
                        site,
                        "deviceIds",
                        List.of("b-1"),
                        "consentId",
                        consent)),
                ana))
            .path("id")
            .asText();
    world.edge.home("m-1", 1.0);
    world.edge.born("m-1", TestEdge.battery("b-1", 13.5, 5), 8);
    world.run(Duration.ofMinutes(1));
    CompletableFuture<World.Answer> prefs =
        CompletableFuture.supplyAsync(
            () -> world.put("/api/v1/devices/b-1/preferences", "{\"reserveKwh\": 3}", ana));
    while (!prefs.isDone()) {
      world.run(Duration.ofMinutes(1));
    }
    ok(prefs.get());
    String sample;
    try (var in = AuditApiTest.class.getResourceAsStream("greenbutton/test_usage_data_10.xml")) {
      sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ok(world.post("/api/v1/sites/" + site + "/meter-data", sample, ana, "application/atom+xml"));
    String event =
        ok(world.post(
                "/api/v1/events",
                World.json(
                    Map.of(
                        "programId", "byo",
                        "start", world.slot(Duration.ofHours(5)).toString(),
                        "end", world.slot(Duration.ofHours(6)).toString())),
                admin))
            .path("id")
            .asText();
    ok(
        world.post(
            "/api/v1/events/" + event + "/modification",
            World.json(Map.of("end", world.slot(Duration.ofHours(7)).toString())),
            admin));
    ok(
        world.post(
            "/api/v1/events/" + event + "/opt-outs", World.json(Map.of("siteId", site)), ana));
    ok(world.post("/api/v1/events/" + event + "/cancellation", "", admin));
    ok(world.post("/api/v1/enrolments/" + enrolment + "/withdrawal", "", ana));
    ok(world.post("/api/v1/consents/" + consent + "/revocation", "", ana));
    ok(
        world.post(
            "/api/v1/imports",
            "customer_id,customer_name,site_id,meter_id,region,feeder,device_id,device_kind,capacity_kw,"
                + "program_id,consent_scopes,consent_expires\nc-9,Nine,s-9,m-9,fontana,f-1,,,,,,\n",
            admin,
            "text/csv"));
    ok(
        world.post(
            "/api/v1/accounts",
            World.json(Map.of("name", "temp", "role", "OPERATOR_VIEWER")),
            admin));
    assertThat(world.delete("/api/v1/accounts/temp", admin).status()).isEqualTo(204);
    world
        .service
        .register()
        .linkDevice(
            world.service.register().sites().get(0).id(),
            org.openvpp.device.DeviceId.of("ev-1"),
            org.openvpp.device.DeviceKind.EV_CHARGER,
            org.openvpp.units.Power.ofKilowatts(7.4));
    String evPassword = "a-password-of-ev-1-for-the-audit-01";
    world
        .ocpp
        .orElseThrow()
        .credentials()
        .set("ev-1", org.openvpp.ocpp.credentials.Password.of(evPassword));
    OcppCharger ev =
        new OcppCharger(
            world.ocpp.orElseThrow().port(),
            "ev-1",
            "ocpp2.0.1",
            java.util.Optional.of(evPassword),
            (action, payload) ->
                java.util.Optional.of(
                    action.equals("SetVariables")
                        ? "{\"setVariableResult\":[{\"attributeStatus\":\"Accepted\","
                            + "\"component\":{\"name\":\"SecurityCtrlr\"},"
                            + "\"variable\":{\"name\":\"BasicAuthPassword\"}}]}"
                        : "{\"status\":\"Accepted\"}"));
    try {
      // an answered boot: the central system has the connection (the client's open can come
      // before the server's)
      assertThat(
              ev.call(
                      "b",
                      "BootNotification",
                      "{\"reason\":\"PowerUp\",\"chargingStation\":{\"model\":\"M\","
                          + "\"vendorName\":\"V\"}}")
                  .get(2)
                  .path("status")
                  .asText())
          .isEqualTo("Accepted");
      ok(
          world.post(
              "/api/v1/chargers/ev-1/operations",
              World.json(Map.of("operation", "reset", "type", "Immediate")),
              admin));
      ok(world.post("/api/v1/chargers/ev-1/password", "", admin));
    } finally {
      ev.close();
    }
    // and refusals
    assertThat(
            world
                .post("/api/v1/customers", World.json(Map.of("name", "No")), world.viewer)
                .status())
        .isEqualTo(403);
    assertThat(world.post("/api/v1/events", "{\"programId\": 1}", admin).status()).isEqualTo(400);
  }

  static JsonNode ok(World.Answer a) {
    assertThat(a.status()).as("%s", a).isBetween(200, 299);
    return a.body();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void everyChangeRouteIsInTheAuditLogDoneInTheServicesTime() {
    Set<String> actions = new TreeSet<>();
    for (Routes.Declared d : world.face.declared()) {
      if (!d.action().isEmpty()) {
        actions.add(d.action());
      }
    }
    JsonNode items = world.get("/api/v1/audit?limit=500", world.admin).body().path("items");
    Set<String> done = new TreeSet<>();
    for (JsonNode e : items) {
      Instant at = Instant.parse(e.path("at").asText());
      assertThat(at).as("%s", e).isBetween(START, world.now());
      if (e.path("outcome").asText().matches("done(: .+)?")) {
        done.add(e.path("action").asText());
      }
    }
    assertThat(done).containsAll(actions).contains("signup");
  }

  @Test
  void refusalsAreInTheAuditLogWithWhy() {
    JsonNode items = world.get("/api/v1/audit?limit=500", world.admin).body().path("items");
    assertThat(items.toString())
        .contains("\"subject\":\"viewer\"", "refused: forbidden")
        .contains("refused: bad_request");
  }
}
