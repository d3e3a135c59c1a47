package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Programs: everyone reads them; an operator admin creates and replaces them whole. */
class ProgramApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static World world;
  static String participant;

  @BeforeAll
  static void start() {
    world = new World(START);
    participant = world.signUp("Kim", "kim").body().path("token").asText();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  static World.Answer create(Map<String, Object> body) {
    return world.post("/api/v1/programs", World.json(body), world.admin);
  }

  @Test
  void anOperatorAdminCreatesAProgramThatEveryoneReads() {
    World.Answer made = create(TestBodies.byo("p-read", START));
    assertThat(made.status()).as("%s", made).isEqualTo(201);
    assertThat(made.body().path("incentives").path("perKwh").asText()).isEqualTo("2.00");
    assertThat(made.body().path("measurement").path("baseline").asText()).isEqualTo("caiso-10in10");
    assertThat(made.body().path("limits").path("minNoticeMinutes").asInt()).isEqualTo(120);
    for (String token : new String[] {world.admin, world.viewer, world.partner, participant}) {
      assertThat(world.get("/api/v1/programs/p-read", token).status()).isEqualTo(200);
      assertThat(world.get("/api/v1/programs", token).body().path("total").asInt()).isPositive();
    }
    assertThat(world.get("/api/v1/programs/nope", world.admin).status()).isEqualTo(404);
  }

  @Test
  void onlyAnOperatorAdminMakesOrReplacesPrograms() {
    for (String token : new String[] {world.viewer, world.partner, participant}) {
      World.Answer a =
          world.post("/api/v1/programs", World.json(TestBodies.byo("p-role", START)), token);
      assertThat(a.status()).isEqualTo(403);
      assertThat(a.code()).isEqualTo("forbidden");
    }
  }

  @Test
  void theCoresRulesRefuseABadProgramWithTheirMessage() {
    Map<String, Object> lease = new LinkedHashMap<>(TestBodies.byo("p-lease", START));
    lease.put("incentives", Map.of("leaseFeeMonth", "55.00"));
    World.Answer a = create(lease);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("message").asText()).contains("only LEASED_BATTERY programs");
    Map<String, Object> cap = new LinkedHashMap<>(TestBodies.byo("p-cap", START));
    cap.put("enrolmentCap", 0);
    assertThat(create(cap).body().path("message").asText()).contains("enrolment cap");
    Map<String, Object> baseline = new LinkedHashMap<>(TestBodies.byo("p-base", START));
    baseline.put("measurement", Map.of("baseline", "guesswork", "fallback", "day-of-mean"));
    assertThat(create(baseline).body().path("message").asText())
        .contains("unknown baseline method");
    Map<String, Object> money = new LinkedHashMap<>(TestBodies.byo("p-money", START));
    money.put("incentives", Map.of("perKwh", "2,50"));
    assertThat(create(money).status()).isEqualTo(400);
    Map<String, Object> kind = new LinkedHashMap<>(TestBodies.byo("p-kind", START));
    kind.put("kind", "TIME_MACHINE");
    assertThat(create(kind).body().path("message").asText()).contains("BYO_BATTERY");
    Map<String, Object> missing = new LinkedHashMap<>(TestBodies.byo("p-miss", START));
    missing.remove("limits");
    assertThat(create(missing).body().path("message").asText()).contains("limits");
    Map<String, Object> notANumber = new LinkedHashMap<>(TestBodies.byo("p-nan", START));
    notANumber.put("capacityCapKw", "lots");
    assertThat(create(notANumber).body().path("message").asText())
        .isEqualTo("the field 'capacityCapKw' must be a number");
    Map<String, Object> badTime = new LinkedHashMap<>(TestBodies.byo("p-time", START));
    badTime.put(
        "limits",
        Map.of(
            "seasonStart", "tomorrow",
            "seasonEnd", "2026-12-01T00:00:00Z",
            "maxEventsPerSeason", 2,
            "maxEventLengthMinutes", 60,
            "maxSeasonHours", 10,
            "minNoticeMinutes", 0));
    assertThat(create(badTime).body().path("message").asText())
        .contains("limits.seasonStart", "ISO 8601", "tomorrow");
    assertThat(
            world.post("/api/v1/programs", "[1, 2]", world.admin).body().path("message").asText())
        .contains("one JSON object");
    assertThat(world.get("/api/v1/programs", world.admin).body().toString())
        .doesNotContain("p-lease", "p-cap", "p-base", "p-money", "p-kind", "p-miss", "p-nan");
  }

  @Test
  void aProgramIsReplacedWholeUnderItsOwnIdAndATakenIdIsAConflict() {
    assertThat(create(TestBodies.byo("p-put", START)).status()).isEqualTo(201);
    World.Answer again = create(TestBodies.byo("p-put", START));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("reason").asText()).isEqualTo("DUPLICATE");
    Map<String, Object> changed = new LinkedHashMap<>(TestBodies.byo("p-put", START));
    changed.put("capacityCapKw", 50);
    World.Answer put = world.put("/api/v1/programs/p-put", World.json(changed), world.admin);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().path("capacityCapKw").asDouble()).isEqualTo(50);
    assertThat(world.put("/api/v1/programs/p-other", World.json(changed), world.admin).status())
        .isEqualTo(404);
    assertThat(world.put("/api/v1/programs/p-read", World.json(changed), world.admin).status())
        .isIn(400, 404);
    assertThat(world.security.audit().entries())
        .anyMatch(e -> e.action().equals("program.replace") && e.outcome().equals("done"));
  }
}
