package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events: created by an operator admin within the program's limits, cancelled, extended, opted out
 * of.
 */
class EventApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static World world;
  static String participant;
  static String site;

  @BeforeAll
  static void start() {
    world = new World(START);
    world.run(Duration.ofMinutes(1));
    assertThat(
            world
                .post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), world.admin)
                .status())
        .isEqualTo(201);
    World.Answer up = world.signUp("Uma", "uma");
    participant = up.body().path("token").asText();
    site =
        world
            .post(
                "/api/v1/sites",
                World.json(Map.of("meterId", "m-uma", "region", "fontana", "feeder", "feeder-1")),
                participant)
            .body()
            .path("id")
            .asText();
    String consent =
        world
            .post(
                "/api/v1/consents",
                World.json(Map.of("siteId", site, "scopes", List.of("CONTROL", "METER_DATA"))),
                participant)
            .body()
            .path("id")
            .asText();
    world.post(
        "/api/v1/sites/" + site + "/devices",
        World.json(Map.of("deviceId", "b-uma", "kind", "BATTERY", "capacityKw", 5)),
        participant);
    World.Answer enrolled =
        world.post(
            "/api/v1/enrolments",
            World.json(
                Map.of(
                    "programId",
                    "byo",
                    "siteId",
                    site,
                    "deviceIds",
                    List.of("b-uma"),
                    "consentId",
                    consent)),
            participant);
    assertThat(enrolled.status()).as("%s", enrolled).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  static World.Answer create(Instant start, Duration length) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("programId", "byo");
    body.put("start", start.toString());
    body.put("end", start.plus(length).toString());
    return world.post("/api/v1/events", World.json(body), world.admin);
  }

  @Test
  void anOperatorAdminCreatesAnEventThatTheParticipantSees() {
    World.Answer e = create(world.slot(Duration.ofHours(5)), Duration.ofHours(2));
    assertThat(e.status()).as("%s", e).isEqualTo(201);
    assertThat(e.body().path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(e.body().path("participants").asInt()).isEqualTo(1);
    String id = e.body().path("id").asText();
    assertThat(world.get("/api/v1/events/" + id, participant).status()).isEqualTo(200);
    assertThat(
            world
                .get("/api/v1/events?program=byo&state=scheduled", world.partner)
                .body()
                .path("total")
                .asInt())
        .isPositive();
    String outsider = world.signUp("Vic", "vic").body().path("token").asText();
    assertThat(world.get("/api/v1/events/" + id, outsider).status()).isEqualTo(404);
    World.Answer notMeasured = world.get("/api/v1/events/" + id + "/measurement", world.viewer);
    assertThat(notMeasured.status()).isEqualTo(409);
    assertThat(notMeasured.code()).isEqualTo("not_ready");
    assertThat(world.post("/api/v1/events", "{}", participant).status()).isEqualTo(403);
  }

  @Test
  void theProgramsLimitsRefuseAnEventWithAClearMessage() {
    World.Answer late = create(world.slot(Duration.ofMinutes(30)), Duration.ofHours(1));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().path("reason").asText()).isEqualTo("EVENT_LIMIT");
    assertThat(late.body().path("message").asText()).containsIgnoringCase("notice");
    World.Answer tooLong = create(world.slot(Duration.ofHours(3)), Duration.ofHours(5));
    assertThat(tooLong.status()).isEqualTo(409);
    assertThat(tooLong.body().path("reason").asText()).isEqualTo("EVENT_LIMIT");
    World.Answer outOfSeason = create(START.plus(Duration.ofDays(200)), Duration.ofHours(1));
    assertThat(outOfSeason.status()).isEqualTo(409);
    assertThat(outOfSeason.body().path("message").asText()).containsIgnoringCase("season");
    World.Answer backwards = create(world.slot(Duration.ofHours(3)), Duration.ofHours(-1));
    assertThat(backwards.status()).isEqualTo(400);
    World.Answer offGrid =
        create(world.slot(Duration.ofHours(3)).plus(Duration.ofMinutes(7)), Duration.ofHours(1));
    assertThat(offGrid.status()).isEqualTo(400);
    assertThat(offGrid.body().path("message").asText()).contains("whole 15 minutes");
    assertThat(world.security.audit().entries())
        .anyMatch(
            e -> e.action().equals("event.create") && e.outcome().startsWith("refused: conflict"));
  }

  @Test
  void anEventIsCancelledOnceAndExtendedWithinTheLimits() {
    World.Answer made = create(world.slot(Duration.ofHours(14)), Duration.ofHours(1));
    assertThat(made.status()).as("%s", made).isEqualTo(201);
    String id = made.body().path("id").asText();
    World.Answer longer =
        world.post(
            "/api/v1/events/" + id + "/modification",
            World.json(Map.of("end", world.slot(Duration.ofHours(16)).toString())),
            world.admin);
    assertThat(longer.status()).as("%s", longer).isEqualTo(201);
    assertThat(Instant.parse(longer.body().path("end").asText()))
        .isEqualTo(world.slot(Duration.ofHours(16)));
    World.Answer tooLong =
        world.post(
            "/api/v1/events/" + id + "/modification",
            World.json(Map.of("end", world.slot(Duration.ofHours(20)).toString())),
            world.admin);
    assertThat(tooLong.status()).isEqualTo(409);
    World.Answer cancelled = world.post("/api/v1/events/" + id + "/cancellation", "", world.admin);
    assertThat(cancelled.status()).isEqualTo(201);
    assertThat(cancelled.body().path("state").asText()).isEqualTo("CANCELLED");
    World.Answer again = world.post("/api/v1/events/" + id + "/cancellation", "", world.admin);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("reason").asText()).isEqualTo("ILLEGAL_TRANSITION");
    assertThat(world.post("/api/v1/events/nope/cancellation", "", world.admin).status())
        .isEqualTo(404);
  }

  @Test
  void aParticipantOptsTheirOwnSiteOutAndNoOneElses() {
    World.Answer made = create(world.slot(Duration.ofHours(24)), Duration.ofHours(1));
    assertThat(made.status()).as("%s", made).isEqualTo(201);
    String id = made.body().path("id").asText();
    World.Answer mine =
        world.post(
            "/api/v1/events/" + id + "/opt-outs", World.json(Map.of("siteId", site)), participant);
    assertThat(mine.status()).as("%s", mine).isEqualTo(201);
    assertThat(world.get("/api/v1/events/" + id, world.viewer).body().path("optedOut").asInt())
        .isEqualTo(1);
    World.Answer twice =
        world.post(
            "/api/v1/events/" + id + "/opt-outs", World.json(Map.of("siteId", site)), participant);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body().path("reason").asText()).isEqualTo("DUPLICATE");
    String wes = world.signUp("Wes", "wes").body().path("token").asText();
    assertThat(
            world
                .post("/api/v1/events/" + id + "/opt-outs", World.json(Map.of("siteId", site)), wes)
                .status())
        .isEqualTo(404);
    assertThat(world.security.audit().entries())
        .anyMatch(
            e ->
                e.action().equals("event.opt-out")
                    && e.subject().equals("uma")
                    && e.outcome().equals("done"));
  }

  @Test
  void anOptOutAfterTheProgramsCutoffIsRefused() {
    Instant start = world.slot(Duration.ofMinutes(150));
    World.Answer made = create(start, Duration.ofHours(1));
    assertThat(made.status()).as("%s", made).isEqualTo(201);
    world.runUntil(start.minus(Duration.ofMinutes(50)));
    World.Answer late =
        world.post(
            "/api/v1/events/" + made.body().path("id").asText() + "/opt-outs",
            World.json(Map.of("siteId", site)),
            participant);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().path("reason").asText()).isEqualTo("OPT_OUT_REFUSED");
  }
}
