package org.openvpp.server.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.IntervalPerformance;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.RunReport;
import org.openvpp.server.run.ScheduledUtility;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/**
 * The run's event through OpenVPP's VEN from a utility's VTN over real HTTP (the stand-in utility
 * on a free port), the run's M&amp;V reported back and read by the utility, and the refusals: a VTN
 * that refuses the VEN's credentials, an event the VEN cannot read.
 */
class UtilityVenTest {

  private static final SimData DATA = SimData.load();
  private static final Scenario WINTER =
      ScenarioFile.load("winter-morning-ca").withHomes(6).withHours(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final HttpClient http = HttpClient.newHttpClient();

  private static UtilityVen.Options standIn() {
    return new UtilityVen.Options(
        Optional.empty(), "", "", StandInUtility.DEFAULT_PROGRAM, 0, true);
  }

  private static RunReport run(FleetRun run, List<GridEvent> received) {
    return run.run(
        SimulationClock.stepped(WINTER.start().toInstant(), WINTER.zone()), x -> {}, received::add);
  }

  @Test
  void theRunsEventComesFromTheUtilityVtnThroughTheVenAndItsMvIsReportedBack() throws Exception {
    List<GridEvent> received = new ArrayList<>();
    RunReport report;
    JsonNode events;
    JsonNode reports;
    try (UtilityVen utility = UtilityVen.start(WINTER, standIn(), out)) {
      report = run(new FleetRun(WINTER, DATA).from(utility), received);
      assertThat(utility.report(report)).isEqualTo(1);
      StandInUtility vtn = utility.standIn().orElseThrow();
      String token = token(vtn.baseUrl(), vtn.blClient());
      events = get(vtn.baseUrl(), "/events", token);
      reports = get(vtn.baseUrl(), "/reports?eventID=" + report.event().id(), token);
    }

    // The event is the VTN's: its id, the window and target the utility published, received at
    // the notice, as the in-process utility would have announced it.
    ScheduledUtility scenarioEvent = new ScheduledUtility(WINTER);
    assertThat(events.size()).isEqualTo(1);
    assertThat(received).hasSize(1);
    GridEvent e = received.get(0);
    assertThat(e.id()).isEqualTo(events.get(0).path("id").asText());
    assertThat(events.get(0).path("eventName").asText()).isEqualTo(scenarioEvent.eventName());
    assertThat(e.window()).isEqualTo(scenarioEvent.window());
    assertThat(e.target()).isEqualTo(GroupId.FLEET);
    assertThat(e.received()).isEqualTo(scenarioEvent.announceAt());
    assertThat(e.source()).isEqualTo("openadr:" + StandInUtility.DEFAULT_PROGRAM);
    assertThat(report.event()).isEqualTo(e);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("utility VTN at http://127.0.0.1:\\d+/openadr3/3.1.1")
        .contains("the utility published event " + scenarioEvent.eventName())
        .contains("reported the run's M&V on event " + e.id());

    // The same run with the in-process utility: the VEN changes nothing but the event's id.
    RunReport inProcess = run(new FleetRun(WINTER, DATA), new ArrayList<>());
    assertThat(report.performance().delivered().kilowattHours())
        .isEqualTo(inProcess.performance().delivered().kilowattHours());
    assertThat(report.performance().intervals()).hasSize(12);

    // The utility reads the report back: per 15-minute interval, the run's M&V.
    assertThat(reports.size()).as(reports.toString()).isEqualTo(1);
    JsonNode intervals = reports.get(0).path("resources").get(0).path("intervals");
    Map<Instant, IntervalPerformance> mv = new HashMap<>();
    report.performance().intervals().forEach(p -> mv.put(p.interval().start(), p));
    assertThat(intervals.size()).isEqualTo(mv.size());
    double delivered = 0;
    for (JsonNode i : intervals) {
      Instant start = Instant.parse(i.path("intervalPeriod").path("start").asText());
      assertThat(i.path("intervalPeriod").path("duration").asText()).isEqualTo("PT15M");
      assertThat(mv).as("an M&V interval at %s", start).containsKey(start);
      IntervalPerformance p = java.util.Objects.requireNonNull(mv.get(start));
      Map<String, Double> values = new HashMap<>();
      i.path("payloads")
          .forEach(x -> values.put(x.path("type").asText(), x.path("values").get(0).asDouble()));
      double hours = 0.25;
      assertThat(values.get("USAGE")).isCloseTo(p.actual().kilowatts() * hours, within(1e-9));
      assertThat(values.get("BASELINE")).isCloseTo(p.baseline().kilowatts() * hours, within(1e-9));
      assertThat(values.get("DELTA_USAGE"))
          .isCloseTo(-p.delivered().kilowatts() * hours, within(1e-9));
      delivered -= values.getOrDefault("DELTA_USAGE", Double.NaN);
    }
    assertThat(delivered).isCloseTo(report.performance().delivered().kilowattHours(), within(1e-6));
  }

  @Test
  void aVtnThatRefusesTheVensCredentialsIsAClearErrorAtStart() {
    try (StandInUtility vtn = StandInUtility.start(WINTER, "residential-peak", 0, true)) {
      UtilityVen.Options wrong =
          new UtilityVen.Options(
              Optional.of(vtn.baseUrl()),
              vtn.venClient().clientId(),
              "not-the-secret",
              "residential-peak",
              0,
              false);
      assertThatThrownBy(() -> UtilityVen.start(WINTER, wrong, out))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refused client " + vtn.venClient().clientId())
          .hasMessageContaining("VPP_UTILITY_CLIENT_SECRET")
          .hasMessageContaining("the run does not start without its utility");

      // With the right secret, the same VTN is followed as an outside one: the VEN sees what
      // its utility publishes at the next poll.
      UtilityVen.Options right =
          new UtilityVen.Options(
              Optional.of(vtn.baseUrl()),
              vtn.venClient().clientId(),
              vtn.venClient().clientSecret(),
              "residential-peak",
              0,
              false);
      try (UtilityVen utility = UtilityVen.start(WINTER, right, out)) {
        Instant notice = new ScheduledUtility(WINTER).announceAt();
        assertThat(utility.poll(notice.minus(FleetRun.STEP))).isEmpty();
        vtn.publishDue(notice);
        assertThat(utility.poll(notice.plus(UtilityVen.POLL_EVERY)))
            .hasValueSatisfying(
                e -> assertThat(e.window()).isEqualTo(new ScheduledUtility(WINTER).window()));
      }
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("OpenVPP's VEN follows program residential-peak");
  }

  @Test
  void optionsFollowTheStandInOrAnOutsideVtnWithCredentialsFromTheEnvironment() throws Exception {
    Map<String, String> env =
        Map.of("VPP_UTILITY_CLIENT_ID", "ven-1", "VPP_UTILITY_CLIENT_SECRET", "s3cret");
    UtilityVen.Options standIn =
        UtilityVen.options(
            org.openvpp.server.cli.Options.parse("up", List.of(), OPTIONS, FLAGS), x -> "");
    assertThat(standIn.vtn()).isEmpty();
    assertThat(standIn.program()).isEqualTo(StandInUtility.DEFAULT_PROGRAM);
    assertThat(standIn.port()).isEqualTo(StandInUtility.DEFAULT_PORT);
    assertThat(standIn.portGiven()).isFalse();
    UtilityVen.Options outside =
        UtilityVen.options(
            org.openvpp.server.cli.Options.parse(
                "up",
                List.of(
                    "--utility-vtn",
                    "https://vtn.utility.example/openadr3/3.1.1",
                    "--utility-program",
                    "residential-peak"),
                OPTIONS,
                FLAGS),
            x -> env.getOrDefault(x, ""));
    assertThat(outside.vtn()).contains(URI.create("https://vtn.utility.example/openadr3/3.1.1"));
    assertThat(outside.clientId()).isEqualTo("ven-1");
    assertThat(outside.clientSecret()).isEqualTo("s3cret");
    assertThat(outside.program()).isEqualTo("residential-peak");
    assertThat(outside.toString()).doesNotContain("s3cret");
    assertThatThrownBy(
            () ->
                UtilityVen.options(
                    org.openvpp.server.cli.Options.parse(
                        "up",
                        List.of("--utility-vtn", "https://vtn.utility.example/openadr3/3.1.1"),
                        OPTIONS,
                        FLAGS),
                    x -> ""))
        .isInstanceOf(org.openvpp.server.cli.UsageException.class)
        .hasMessageContaining("VPP_UTILITY_CLIENT_ID and VPP_UTILITY_CLIENT_SECRET");
  }

  private static final java.util.Set<String> OPTIONS =
      java.util.Set.of("--utility-vtn", "--utility-program", "--utility-port");
  private static final java.util.Set<String> FLAGS = java.util.Set.of();

  @Test
  void anEventTheVenDoesNotSeeStopsTheRunWithAnErrorNotASilentMiss() throws Exception {
    try (UtilityVen utility = UtilityVen.start(WINTER, standIn(), out)) {
      StandInUtility vtn = utility.standIn().orElseThrow();
      // The utility publishes its event in a program OpenVPP does not follow: the VEN cannot see
      // it, however often it polls.
      String token = token(vtn.baseUrl(), vtn.blClient());
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(vtn.baseUrl() + "/programs"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"programName\":\"elsewhere\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String other = JSON.readTree(created.body()).path("id").asText();
      Instant at = WINTER.start().toInstant().plus(FleetRun.STEP);
      vtn.schedule(
          at,
          "misplaced",
          program ->
              StandInUtility.peakEvent(other, "misplaced", new ScheduledUtility(WINTER).window()));
      utility.seeTimeout(Duration.ofMillis(500));
      assertThat(utility.poll(WINTER.start().toInstant())).isEmpty();
      assertThatThrownBy(() -> utility.poll(at))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the utility published event")
          .hasMessageContaining("OpenVPP's VEN had not seen it within 0.5 s")
          .hasMessageContaining("the run stops rather than go on without its event");
    }
  }

  @Test
  void aVtnThatCannotBeReachedIsAClearErrorAtStart() {
    UtilityVen.Options nowhere =
        new UtilityVen.Options(
            Optional.of(URI.create("http://127.0.0.1:1/openadr3/3.1.1")),
            "ven-x",
            "secret",
            "residential-peak",
            0,
            false);
    assertThatThrownBy(() -> UtilityVen.start(WINTER, nowhere, out))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot reach the utility VTN")
        .hasMessageContaining("check --utility-vtn");
  }

  @Test
  void aMalformedEventIsRefusedWithAMessageAndTheRunGoesOnWithTheGoodOne() {
    List<GridEvent> received = new ArrayList<>();
    RunReport report;
    int refused;
    try (UtilityVen utility = UtilityVen.start(WINTER, standIn(), out)) {
      // Half an hour into the run, the utility publishes an event with a SIMPLE level of 7,
      // valid by the schema, which OpenVPP cannot act on.
      Instant at = WINTER.start().toInstant().plus(Duration.ofMinutes(30));
      utility
          .standIn()
          .orElseThrow()
          .schedule(
              at,
              "bad-level",
              program -> {
                ObjectNode body =
                    StandInUtility.peakEvent(
                        program, "bad-level", new ScheduledUtility(WINTER).window());
                body.path("intervals")
                    .forEach(
                        i ->
                            ((com.fasterxml.jackson.databind.node.ArrayNode)
                                    i.path("payloads").get(0).path("values"))
                                .set(0, 7));
                return body;
              });
      report = run(new FleetRun(WINTER, DATA).from(utility), received);
      refused = utility.refusedCount();
    }
    assertThat(refused).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("00:30 OpenVPP's VEN refused an event from the utility VTN: event \\S+")
        .contains("SIMPLE");
    assertThat(received).hasSize(1);
    assertThat(report.event().window()).isEqualTo(new ScheduledUtility(WINTER).window());
  }

  @Test
  void aRunWhoseOnlyEventIsRefusedEndsWithAnErrorThatSaysSo() {
    try (StandInUtility vtn = StandInUtility.start(WINTER, "residential-peak", 0, true)) {
      // An outside utility whose one event OpenVPP cannot read: a level of 9, on the VTN before
      // the run starts.
      Instant start = WINTER.start().toInstant();
      vtn.schedule(
          start,
          "bad-level",
          program -> {
            ObjectNode body =
                StandInUtility.peakEvent(
                    program, "bad-level", new ScheduledUtility(WINTER).window());
            body.path("intervals")
                .forEach(
                    i ->
                        ((com.fasterxml.jackson.databind.node.ArrayNode)
                                i.path("payloads").get(0).path("values"))
                            .set(0, 9));
            return body;
          });
      vtn.publishDue(start);
      UtilityVen.Options outside =
          new UtilityVen.Options(
              Optional.of(vtn.baseUrl()),
              vtn.venClient().clientId(),
              vtn.venClient().clientSecret(),
              "residential-peak",
              0,
              false);
      try (UtilityVen utility = UtilityVen.start(WINTER, outside, out)) {
        assertThatThrownBy(() -> run(new FleetRun(WINTER, DATA).from(utility), new ArrayList<>()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the run ended before the utility announced its event")
            .hasMessageContaining("program residential-peak on the utility VTN at " + vtn.baseUrl())
            .hasMessageContaining("1 event(s) refused");
      }
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("OpenVPP's VEN refused an event from the utility VTN")
        .contains("SIMPLE level 9");
  }

  @Test
  void anOutsideUtilitysEventAlreadyOnItsVtnIsReceivedAtTheRunsStart() {
    try (StandInUtility vtn = StandInUtility.start(WINTER, "residential-peak", 0, true)) {
      ScheduledUtility scenarioEvent = new ScheduledUtility(WINTER);
      vtn.publishDue(scenarioEvent.announceAt());
      UtilityVen.Options outside =
          new UtilityVen.Options(
              Optional.of(vtn.baseUrl()),
              vtn.venClient().clientId(),
              vtn.venClient().clientSecret(),
              "residential-peak",
              0,
              false);
      List<GridEvent> received = new ArrayList<>();
      RunReport report;
      try (UtilityVen utility = UtilityVen.start(WINTER, outside, out)) {
        report = run(new FleetRun(WINTER, DATA).from(utility), received);
      }
      assertThat(received).hasSize(1);
      assertThat(received.get(0).received()).isEqualTo(WINTER.start().toInstant());
      assertThat(report.event().window()).isEqualTo(scenarioEvent.window());
      assertThat(report.performance().delivered().kilowattHours()).isPositive();
    }
  }

  private String token(URI vtn, ClientCredentials client) throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> a =
        http.send(
            HttpRequest.newBuilder(URI.create(vtn + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
    return JSON.readTree(a.body()).path("access_token").asText();
  }

  private JsonNode get(URI vtn, String path, String token)
      throws IOException, InterruptedException {
    HttpResponse<String> a =
        http.send(
            HttpRequest.newBuilder(URI.create(vtn + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
    return JSON.readTree(a.body());
  }
}
