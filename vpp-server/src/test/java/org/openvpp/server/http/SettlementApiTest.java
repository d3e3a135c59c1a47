package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.service.testing.TestEdge;

/**
 * Money through the API after an event was measured and settled: three participants signed up and
 * enrolled through the API, twelve days of meter history on the in-memory world, an event on day
 * twelve created by an operator; then M&amp;V, statements (JSON and CSV), the utility's invoice and
 * the program's accreditation.
 */
class SettlementApiTest {
  static final LocalDate FIRST = LocalDate.of(2019, 8, 1);
  static final Instant START = FIRST.atStartOfDay(World.LA).toInstant();
  static final LocalDate EVENT_DAY = FIRST.plusDays(11); // Monday 12 August
  static World world;
  static final List<String> tokens = new ArrayList<>();
  static final List<String> customers = new ArrayList<>();
  static String eventId;

  static Instant at(LocalDate day, int hour) {
    return ZonedDateTime.of(day.atTime(hour, 0), World.LA).toInstant();
  }

  @BeforeAll
  static void runTwelveDays() {
    world = new World(START);
    world.run(Duration.ofMinutes(1));
    assertThat(
            world
                .post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), world.admin)
                .status())
        .isEqualTo(201);
    for (int i = 1; i <= 3; i++) {
      String name = "home" + i;
      World.Answer up = world.signUp("Home " + i, name);
      String token = up.body().path("token").asText();
      tokens.add(token);
      customers.add(up.body().path("customerId").asText());
      String site =
          world
              .post(
                  "/api/v1/sites",
                  World.json(
                      Map.of("meterId", "m-" + i, "region", "fontana", "feeder", "feeder-1")),
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
      world.post(
          "/api/v1/sites/" + site + "/devices",
          World.json(Map.of("deviceId", "b-" + i, "kind", "BATTERY", "capacityKw", 5)),
          token);
      assertThat(
              world
                  .post(
                      "/api/v1/enrolments",
                      World.json(
                          Map.of(
                              "programId",
                              "byo",
                              "siteId",
                              site,
                              "deviceIds",
                              List.of("b-" + i),
                              "consentId",
                              consent)),
                      token)
                  .body()
                  .path("state")
                  .asText())
          .isEqualTo("ENROLLED");
      world.edge.home("m-" + i, 1.5);
      world.edge.born("m-" + i, TestEdge.battery("b-" + i, 13.5, 5), 10);
    }
    world.runUntil(at(EVENT_DAY, 10));
    World.Answer e =
        world.post(
            "/api/v1/events",
            World.json(
                Map.of(
                    "programId", "byo",
                    "start", at(EVENT_DAY, 17).toString(),
                    "end", at(EVENT_DAY, 20).toString())),
            world.admin);
    assertThat(e.status()).as("%s", e).isEqualTo(201);
    eventId = e.body().path("id").asText();
    world.runUntil(at(EVENT_DAY.plusDays(1), 2));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void theEventIsMeasuredFromStoredReadingsAndAParticipantSeesOnlyTheirSite() {
    World.Answer e = world.get("/api/v1/events/" + eventId, world.viewer);
    assertThat(e.body().path("state").asText()).isEqualTo("COMPLETED");
    assertThat(e.body().path("committedKw").asDouble()).isPositive();
    assertThat(e.body().path("measurement").path("sitesMeasured").asInt()).isEqualTo(3);
    World.Answer m = world.get("/api/v1/events/" + eventId + "/measurement", world.viewer);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body().path("sites").size()).isEqualTo(3);
    for (JsonNode s : m.body().path("sites")) {
      assertThat(s.path("status").asText()).isEqualTo("MEASURED");
      assertThat(s.path("method").asText()).isEqualTo("caiso-10in10");
      assertThat(s.path("referenceDays").size()).isEqualTo(7);
    }
    assertThat(m.body().path("totals").path("deliveredKwh").asDouble()).isPositive();
    World.Answer mine = world.get("/api/v1/events/" + eventId + "/measurement", tokens.get(0));
    assertThat(mine.body().path("sites").size()).isEqualTo(1);
    assertThat(mine.body().path("sites").get(0).path("customerId").asText())
        .isEqualTo(customers.get(0));
  }

  @Test
  void aParticipantReadsTheirStatementAsJsonAndAsCsv() {
    String path = "/api/v1/statements/" + customers.get(0) + "?month=2019-08";
    World.Answer json = world.get(path, tokens.get(0));
    assertThat(json.status()).as("%s", json).isEqualTo(200);
    assertThat(new BigDecimal(json.body().path("earnedUsd").asText())).isPositive();
    int lines = json.body().path("lines").size();
    assertThat(lines).isPositive();
    assertThat(json.body().path("lines").toString()).contains("ENERGY", "EVENT");
    assertThat(json.body().path("events").get(0).path("eventId").asText()).isEqualTo(eventId);
    World.Answer csv = world.get(path, tokens.get(0), Map.of("Accept", "text/csv"));
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.type()).startsWith("text/csv");
    String[] rows = csv.text().split("\r\n");
    assertThat(rows[0]).isEqualTo("transaction,kind,reference,amount");
    assertThat(rows).hasSize(lines + 1);
    assertThat(csv.text()).contains(eventId);
    assertThat(
            world
                .get("/api/v1/statements/" + customers.get(1) + "?month=2019-08", tokens.get(0))
                .status())
        .isEqualTo(404);
    assertThat(world.get(path.replace("2019-08", "2019-13"), tokens.get(0)).status())
        .isEqualTo(400);
  }

  @Test
  void operatorsSeeEveryParticipantsSummaryAndTheUtilityItsInvoice() {
    World.Answer all = world.get("/api/v1/statements?month=2019-08", world.viewer);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().path("total").asInt()).isEqualTo(3);
    assertThat(world.get("/api/v1/statements", world.partner).status()).isEqualTo(403);
    World.Answer invoice = world.get("/api/v1/invoices/2019-08", world.partner);
    assertThat(invoice.status()).isEqualTo(200);
    assertThat(new BigDecimal(invoice.body().path("totalUsd").asText())).isPositive();
    assertThat(invoice.body().path("buyer").asText()).isEqualTo("utility");
    assertThat(world.get("/api/v1/invoices/2019-08", tokens.get(0)).status()).isEqualTo(403);
    World.Answer acc = world.get("/api/v1/accreditation", world.partner);
    assertThat(acc.status()).isEqualTo(200);
    assertThat(acc.body().path("items").get(0).path("programId").asText()).isEqualTo("byo");
    assertThat(acc.body().path("items").get(0).path("events").asInt()).isEqualTo(1);
  }

  @Test
  void theFleetsForecastAndHistoryCoverTheDays() {
    assertThat(world.get("/api/v1/flexibility", world.viewer).status()).isEqualTo(200);
    assertThat(world.get("/api/v1/fleet/history", world.viewer).body().path("items").size())
        .isPositive();
    assertThat(
            world
                .get("/api/v1/devices?kind=battery&online=true", world.viewer)
                .body()
                .path("total")
                .asInt())
        .isEqualTo(3);
  }
}
