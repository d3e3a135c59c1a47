package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.ServiceSettings;
import org.openvpp.server.platform.PlatformDatabases;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.eval.Evaluation;

/**
 * Fourteen days of operation, the world beside the service and apart from it: the world's customers
 * move over through the API with their Green Button history, the utility's VTN calls events (one
 * extended, one cancelled before it starts, one cancelled while it runs), meters report on time,
 * the next morning or days late, and the service (its records in PostgreSQL) measures each event by
 * its program's baseline from the history it stored.
 */
class SeasonRunTest {
  private static final PlatformDatabases DATABASES = new PlatformDatabases();
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  @TempDir Path tmp;

  @AfterAll
  static void drop() {
    DATABASES.dropAll();
  }

  @Test
  void fourteenDaysAreMeasuredFromStoredHistoryAndNothingIsLost() {
    Scenario s = ScenarioFile.load("summer-season-ca").withHomes(12);
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Beside beside =
        Beside.start(
            s,
            new ServiceSettings.Postgres(PlatformDatabases.url(db), PlatformDatabases.user(), ""),
            tmp.resolve("truth.bin"),
            0,
            0,
            Optional.of(new ServiceSettings.Partners(0, tmp.resolve("no-clients.json"), true)),
            0,
            new PrintStream(log, true, StandardCharsets.UTF_8))) {
      Evaluation.Figures f = beside.run(Optional.of(14), day -> {});
      Evaluation.print(f, LA, s.misbehaviour(), new PrintStream(log, true, StandardCharsets.UTF_8));
      String report = log.toString(StandardCharsets.UTF_8);

      assertThat(f.telemetryLost()).as(report).isZero();
      assertThat(f.readingsLost()).as(report).isZero();
      assertThat(f.telemetry()).as(report).containsKey("accepted");

      // days 12 to 14 of the season (August 12 to 14): one event run, one cancelled before it
      // began, one cancelled while it ran, each booked in the three programs the utility's
      // program feeds
      Evaluation.EventFigures twelfth = battery(f, LocalDate.of(2019, 8, 12));
      assertThat(twelfth.state()).isEqualTo("COMPLETED");
      assertThat(twelfth.measured()).isPositive();
      JsonNode m = measurement(beside, twelfth.id());
      for (JsonNode site : m.path("sites")) {
        if (site.path("status").asText().equals("MEASURED") && !site.path("fallback").asBoolean()) {
          assertThat(site.path("method").asText()).isEqualTo("caiso-10in10");
          // ten weekdays before the event, the earliest from the Green Button history
          assertThat(site.path("referenceDays")).hasSize(10);
          List<LocalDate> days = new java.util.ArrayList<>();
          site.path("referenceDays").forEach(d -> days.add(LocalDate.parse(d.asText())));
          assertThat(days.stream().min(LocalDate::compareTo).orElseThrow())
              .isBefore(LocalDate.of(2019, 8, 1));
          assertThat(days).doesNotContain(LocalDate.of(2019, 8, 6), LocalDate.of(2019, 8, 9));
        }
      }
      assertThat(m.path("sites").findValuesAsText("method")).contains("caiso-10in10");

      Evaluation.EventFigures thirteenth = battery(f, LocalDate.of(2019, 8, 13));
      assertThat(thirteenth.state()).isEqualTo("CANCELLED");
      assertThat(thirteenth.revision()).as("nothing to measure").isZero();

      Evaluation.EventFigures fourteenth = battery(f, LocalDate.of(2019, 8, 14));
      // the service's VEN polls every 5 minutes, so it stops within 5 minutes of 19:00 and
      // measures up to the end of the quarter-hour it stopped in
      assertThat(fourteenth.window().end().atZone(LA).toLocalTime())
          .as("cancelled an hour into 18:00-21:00: measured over the hour it ran")
          .isIn(LocalTime.of(19, 0), LocalTime.of(19, 15));
      assertThat(fourteenth.measured()).isPositive();

      // the extension on August 9: 16:00-19:00 became 16:00-20:00 halfway through
      Evaluation.EventFigures ninth = battery(f, LocalDate.of(2019, 8, 9));
      assertThat(ninth.window().end().atZone(LA).toLocalTime()).isEqualTo(LocalTime.of(20, 0));

      // meters that report the next morning re-measure the event, and settle it again
      assertThat(f.events()).anySatisfy(e -> assertThat(e.revision()).isGreaterThan(1));
      assertThat(f.paidUsd()).isPositive();
      assertThat(f.creditedKwh()).isPositive();
      assertThat(f.trueKwh()).isPositive();
    }
  }

  private static Evaluation.EventFigures battery(Evaluation.Figures f, LocalDate day) {
    List<Evaluation.EventFigures> on =
        f.events().stream()
            .filter(e -> e.programId().equals("byo-battery"))
            .filter(e -> e.window().start().atZone(LA).toLocalDate().equals(day))
            .toList();
    assertThat(on).as("the battery program's event on " + day + " in " + f.events()).hasSize(1);
    return on.get(0);
  }

  private static JsonNode measurement(Beside b, String eventId) {
    return b.api().must(b.api().get("/api/v1/events/" + eventId + "/measurement"), eventId);
  }
}
