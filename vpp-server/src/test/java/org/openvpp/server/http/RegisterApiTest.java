package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.service.testing.TestEdge;

/**
 * The register through the API: an operator creates a program; a participant signs up, adds a site,
 * grants consent, links a device and enrols it; the device then follows the VPP. Customers, sites,
 * devices, consents and enrolments each with their refusals.
 */
class RegisterApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static World world;

  @BeforeAll
  static void start() {
    world = new World(START);
    world.run(Duration.ofMinutes(1));
    assertThat(
            world
                .post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), world.admin)
                .status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aParticipantSignsUpAddsASiteGrantsConsentLinksAndEnrolsADeviceThatThenFollowsTheVpp() {
    World.Answer up = world.signUp("Ana Diaz", "ana");
    assertThat(up.status()).as("%s", up).isEqualTo(201);
    String ana = up.body().path("token").asText();
    String customer = up.body().path("customerId").asText();
    World.Answer site =
        world.post(
            "/api/v1/sites",
            World.json(Map.of("meterId", "m-ana", "region", "fontana", "feeder", "feeder-1")),
            ana);
    assertThat(site.status()).as("%s", site).isEqualTo(201);
    assertThat(site.body().path("customerId").asText()).isEqualTo(customer);
    String siteId = site.body().path("id").asText();
    World.Answer consent =
        world.post(
            "/api/v1/consents",
            World.json(Map.of("siteId", siteId, "scopes", List.of("CONTROL", "METER_DATA"))),
            ana);
    assertThat(consent.status()).as("%s", consent).isEqualTo(201);
    assertThat(consent.body().path("grantedBy").asText()).isEqualTo("ana");
    World.Answer device =
        world.post(
            "/api/v1/sites/" + siteId + "/devices",
            World.json(Map.of("deviceId", "b-ana", "kind", "BATTERY", "capacityKw", 5)),
            ana);
    assertThat(device.status()).as("%s", device).isEqualTo(201);
    World.Answer enrolment =
        world.post(
            "/api/v1/enrolments",
            World.json(
                Map.of(
                    "programId",
                    "byo",
                    "siteId",
                    siteId,
                    "deviceIds",
                    List.of("b-ana"),
                    "consentId",
                    consent.body().path("id").asText())),
            ana);
    assertThat(enrolment.status()).as("%s", enrolment).isEqualTo(201);
    assertThat(enrolment.body().path("state").asText()).isEqualTo("ENROLLED");
    // The battery is born in the world and reports; after the service's next step its twin is
    // commandable.
    world.edge.home("m-ana", 1.5);
    world.edge.born("m-ana", TestEdge.battery("b-ana", 13.5, 5), 10);
    assertThat(world.get("/api/v1/devices/b-ana", ana).body().path("commandable").asBoolean())
        .isFalse();
    world.run(Duration.ofMinutes(1));
    World.Answer twin = world.get("/api/v1/devices/b-ana", ana);
    assertThat(twin.status()).isEqualTo(200);
    assertThat(twin.body().path("twin").path("online").asBoolean()).isTrue();
    assertThat(twin.body().path("commandable").asBoolean()).as("%s", twin).isTrue();
    assertThat(twin.body().path("link").path("siteId").asText()).isEqualTo(siteId);
    // Their enrolment and consent, and nobody else's.
    assertThat(world.get("/api/v1/enrolments", ana).body().path("total").asInt()).isEqualTo(1);
    assertThat(world.get("/api/v1/programs/byo", ana).body().path("enrolled").asInt())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aParticipantReachingAnothersSiteIsAnsweredNotFound() {
    String bo = world.signUp("Bo", "bo").body().path("token").asText();
    String cy = world.signUp("Cy", "cy").body().path("token").asText();
    String boSite =
        world
            .post(
                "/api/v1/sites",
                World.json(Map.of("meterId", "m-bo", "region", "fontana", "feeder", "feeder-1")),
                bo)
            .body()
            .path("id")
            .asText();
    assertThat(world.get("/api/v1/sites/" + boSite, cy).status()).isEqualTo(404);
    assertThat(
            world
                .post(
                    "/api/v1/sites/" + boSite + "/devices",
                    World.json(Map.of("deviceId", "x-1", "kind", "BATTERY", "capacityKw", 5)),
                    cy)
                .status())
        .isEqualTo(404);
    assertThat(
            world
                .post(
                    "/api/v1/consents",
                    World.json(Map.of("siteId", boSite, "scopes", List.of("CONTROL"))),
                    cy)
                .status())
        .isEqualTo(404);
    assertThat(world.get("/api/v1/sites?customer=customer-000001", cy).status()).isEqualTo(403);
    assertThat(world.get("/api/v1/sites", cy).body().path("total").asInt()).isZero();
    // an operator sees both
    assertThat(world.get("/api/v1/sites/" + boSite, world.viewer).status()).isEqualTo(200);
  }

  @Test
  void malformedBodiesAndUnknownParametersAreRefusedAndChangeNothing() {
    int before = world.get("/api/v1/customers", world.admin).body().path("total").asInt();
    World.Answer notJson = world.post("/api/v1/customers", "{\"name\": ", world.admin);
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.code()).isEqualTo("bad_request");
    World.Answer wrongType = world.post("/api/v1/customers", "{\"name\": 5}", world.admin);
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("message").asText()).contains("name");
    World.Answer unknown =
        world.post("/api/v1/customers", "{\"name\": \"A\", \"nmae\": \"B\"}", world.admin);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("message").asText()).contains("nmae", "name");
    World.Answer xml =
        world.post("/api/v1/customers", "<name>A</name>", world.admin, "application/xml");
    assertThat(xml.status()).isEqualTo(415);
    World.Answer huge =
        world.post("/api/v1/customers", "{\"name\": \"" + "A".repeat(100_000) + "\"}", world.admin);
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.code()).isEqualTo("too_large");
    assertThat(world.get("/api/v1/customers?limt=3", world.admin).status()).isEqualTo(400);
    assertThat(world.get("/api/v1/customers?limt=3", world.admin).body().path("message").asText())
        .contains("offset, limit");
    assertThat(world.get("/api/v1/customers", world.admin).body().path("total").asInt())
        .isEqualTo(before);
  }

  @Test
  void onlyAnOperatorAdminAddsCustomersAndTheViewerAndPartnerAreRefused() {
    World.Answer made =
        world.post("/api/v1/customers", World.json(Map.of("name", "Dee")), world.admin);
    assertThat(made.status()).isEqualTo(201);
    assertThat(
            world.post("/api/v1/customers", World.json(Map.of("name", "E")), world.viewer).status())
        .isEqualTo(403);
    assertThat(world.get("/api/v1/customers", world.partner).status()).isEqualTo(403);
    assertThat(world.get("/api/v1/customers", "").status()).isEqualTo(401);
    assertThat(world.security.audit().entries())
        .anyMatch(
            e ->
                e.action().equals("customer.create")
                    && e.subject().equals("viewer")
                    && e.outcome().startsWith("refused: forbidden"));
  }

  /** A participant with a site, a consent to both scopes and a linked battery. */
  static String[] home(String name) {
    String token = world.signUp(name, name).body().path("token").asText();
    String site =
        world
            .post(
                "/api/v1/sites",
                World.json(Map.of("meterId", "m-" + name, "region", "fontana", "feeder", "f-1")),
                token)
            .body()
            .path("id")
            .asText();
    String consent =
        world
            .post(
                "/api/v1/consents",
                World.json(Map.of("siteId", site, "scopes", List.of("CONTROL", "METER_DATA"))),
                token)
            .body()
            .path("id")
            .asText();
    assertThat(
            world
                .post(
                    "/api/v1/sites/" + site + "/devices",
                    World.json(Map.of("deviceId", "b-" + name, "kind", "BATTERY", "capacityKw", 5)),
                    token)
                .status())
        .isEqualTo(201);
    return new String[] {token, site, consent, "b-" + name};
  }

  static World.Answer enrol(String program, String[] h) {
    return world.post(
        "/api/v1/enrolments",
        World.json(
            Map.of(
                "programId",
                program,
                "siteId",
                h[1],
                "deviceIds",
                List.of(h[3]),
                "consentId",
                h[2])),
        h[0]);
  }

  @Test
  void aFullProgramPutsTheNextOnItsWaitingListAndAWithdrawalServesIt() {
    Map<String, Object> small = new java.util.LinkedHashMap<>(TestBodies.byo("small", START));
    small.put("enrolmentCap", 1);
    assertThat(world.post("/api/v1/programs", World.json(small), world.admin).status())
        .isEqualTo(201);
    String[] first = home("fred");
    String[] second = home("gina");
    World.Answer in = enrol("small", first);
    assertThat(in.body().path("state").asText()).isEqualTo("ENROLLED");
    World.Answer waiting = enrol("small", second);
    assertThat(waiting.status()).isEqualTo(201);
    assertThat(waiting.body().path("state").asText()).isEqualTo("WAITING");
    String id = in.body().path("id").asText();
    assertThat(world.post("/api/v1/enrolments/" + id + "/withdrawal", "", second[0]).status())
        .isEqualTo(404);
    assertThat(world.post("/api/v1/enrolments/" + id + "/withdrawal", "", world.viewer).status())
        .isEqualTo(403);
    World.Answer out = world.post("/api/v1/enrolments/" + id + "/withdrawal", "", first[0]);
    assertThat(out.status()).isEqualTo(201);
    assertThat(out.body().path("state").asText()).isEqualTo("WITHDRAWN");
    assertThat(
            world
                .get("/api/v1/enrolments/" + waiting.body().path("id").asText(), second[0])
                .body()
                .path("state")
                .asText())
        .isEqualTo("ENROLLED");
    assertThat(
            world
                .get("/api/v1/enrolments?program=small&state=enrolled", world.viewer)
                .body()
                .path("total")
                .asInt())
        .isEqualTo(1);
    assertThat(world.get("/api/v1/enrolments?state=gone", world.viewer).status()).isEqualTo(400);
  }

  @Test
  void theRegisterRefusesWithItsReason() {
    String[] h = home("hugo");
    World.Answer unlinked =
        world.post(
            "/api/v1/enrolments",
            World.json(
                Map.of(
                    "programId",
                    "byo",
                    "siteId",
                    h[1],
                    "deviceIds",
                    List.of("b-nowhere"),
                    "consentId",
                    h[2])),
            h[0]);
    assertThat(unlinked.status()).isEqualTo(409);
    assertThat(unlinked.body().path("reason").asText()).isEqualTo("UNKNOWN");
    World.Answer noProgram = enrol("no-such-program", h);
    assertThat(noProgram.status()).isEqualTo(409);
    World.Answer sameMeter =
        world.post(
            "/api/v1/sites",
            World.json(Map.of("meterId", "m-hugo", "region", "fontana", "feeder", "f-1")),
            h[0]);
    assertThat(sameMeter.status()).isEqualTo(409);
    assertThat(sameMeter.body().path("reason").asText()).isEqualTo("DUPLICATE");
    assertThat(world.get("/api/v1/devices?kind=toaster", h[0]).status()).isEqualTo(400);
    assertThat(world.get("/api/v1/devices?site=" + h[1], h[0]).body().path("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void aConsentIsRevokedOnceByItsOwnerOrAnOperatorAdmin() {
    String[] h = home("iris");
    String[] other = home("jack");
    assertThat(world.post("/api/v1/consents/" + h[2] + "/revocation", "", other[0]).status())
        .isEqualTo(404);
    assertThat(world.post("/api/v1/consents/" + h[2] + "/revocation", "", world.viewer).status())
        .isEqualTo(403);
    World.Answer revoked = world.post("/api/v1/consents/" + h[2] + "/revocation", "", h[0]);
    assertThat(revoked.status()).isEqualTo(201);
    assertThat(revoked.body().path("state").asText()).isEqualTo("REVOKED");
    World.Answer again = world.post("/api/v1/consents/" + h[2] + "/revocation", "", world.admin);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("reason").asText()).isEqualTo("DUPLICATE");
    assertThat(world.get("/api/v1/consents?state=revoked", h[0]).body().path("total").asInt())
        .isEqualTo(1);
    assertThat(world.get("/api/v1/consents/" + h[2], other[0]).status()).isEqualTo(404);
    World.Answer past =
        world.post(
            "/api/v1/consents",
            World.json(
                Map.of(
                    "siteId",
                    h[1],
                    "scopes",
                    List.of("CONTROL"),
                    "expires",
                    "2020-01-01T00:00:00Z")),
            h[0]);
    assertThat(past.status()).isEqualTo(400);
    World.Answer noScope =
        world.post(
            "/api/v1/consents",
            World.json(Map.of("siteId", h[1], "scopes", List.of("EVERYTHING"))),
            h[0]);
    assertThat(noScope.status()).isEqualTo(400);
  }

  @Test
  void preferencesReachTheTwinAtTheNextStepAndWhatTheTwinRefusesIsABadRequest() throws Exception {
    String[] h = home("kai");
    world.edge.home("m-kai", 1.0);
    world.edge.born("m-kai", TestEdge.battery(h[3], 13.5, 5), 8);
    world.run(Duration.ofMinutes(1));
    java.util.concurrent.CompletableFuture<World.Answer> tooMuch =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                world.put(
                    "/api/v1/devices/" + h[3] + "/preferences", "{\"reserveKwh\": 999}", h[0]));
    while (!tooMuch.isDone()) {
      world.run(Duration.ofMinutes(1));
    }
    assertThat(tooMuch.get().status()).isEqualTo(400);
    java.util.concurrent.CompletableFuture<World.Answer> fine =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                world.put(
                    "/api/v1/devices/" + h[3] + "/preferences", "{\"reserveKwh\": 4.5}", h[0]));
    while (!fine.isDone()) {
      world.run(Duration.ofMinutes(1));
    }
    assertThat(fine.get().status()).isEqualTo(200);
    world.run(Duration.ofMinutes(15));
    assertThat(
            world
                .get("/api/v1/devices/" + h[3], h[0])
                .body()
                .path("twin")
                .path("preferences")
                .path("reserveKwh")
                .asDouble())
        .isEqualTo(4.5);
    String[] other = home("lea");
    assertThat(
            world
                .put("/api/v1/devices/" + h[3] + "/preferences", "{\"reserveKwh\": 3}", other[0])
                .status())
        .isEqualTo(404);
    assertThat(world.put("/api/v1/devices/" + h[3] + "/preferences", "{}", h[0]).status())
        .isEqualTo(400);
  }
}
