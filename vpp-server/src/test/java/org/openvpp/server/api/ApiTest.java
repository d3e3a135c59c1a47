package org.openvpp.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Role;
import org.openvpp.server.security.Tokens;
import org.openvpp.server.web.Dashboard;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/**
 * The API over real HTTP, against the views of a real run: every response checked against the
 * OpenAPI document the server serves, every endpoint with every role (allowed and refused), and a
 * participant's opt-out carried to the running VPP and written to the audit log.
 */
class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String IRI = "https://openvpp.org/api/openapi.json";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PASSWORD = "a long test password";
  static final List<FleetView> views = new ArrayList<>();
  static final Accounts accounts = new Accounts();
  static final AuditLog audit = new AuditLog();
  static final ApiInbox inbox = new ApiInbox();
  static final Map<Role, String> tokenOf = new EnumMap<>(Role.class);
  static Api api;
  static Dashboard dashboard;
  static SchemaRegistry registry;
  static JsonNode document;
  static String clientSecret;
  static String customer;
  static String site;
  static String batteryEvent;
  static Answer optOut;
  static Answer optOutOfAnother;
  static Answer reserve;
  static Answer reserveTooHigh;
  static Answer bandOnABattery;
  static String battery;
  static String otherConsent;
  static Answer revocation;
  static Scenario scenario;

  @BeforeAll
  static void runAndServe() throws Exception {
    api = new Api(accounts, new Tokens(), audit, inbox, InstantSource.system());
    Scenario s = ScenarioFile.load("winter-morning-ca").withHomes(12).withHours(10).withSeed(3);
    dashboard = Dashboard.start(0, s.zone(), api);
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      document = JSON.readTree(text);
      registry =
          SchemaRegistry.withDefaultDialect(
              Dialects.getDraft202012(), b -> b.schemas(Map.of(IRI, text)));
    }
    accounts.addUser("admin", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    accounts.addUser("viewer", PASSWORD, Role.OPERATOR_VIEWER, Optional.empty());
    clientSecret = accounts.addClient("utility-1", Role.UTILITY_PARTNER);
    // The run pauses at its announcement until the participant's opt-out is on its way.
    CountDownLatch announced = new CountDownLatch(1);
    CountDownLatch asked = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<org.openvpp.server.run.RunReport> report =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread run =
        new Thread(
            () ->
                report.set(
                    new FleetRun(s, SimData.load())
                        .run(
                            SimulationClock.stepped(s.start().toInstant(), s.zone()),
                            x -> {},
                            e -> {},
                            v -> {
                              synchronized (views) {
                                views.add(v);
                              }
                              api.publish(v);
                              if (announced.getCount() > 0
                                  && v.events().stream()
                                      .anyMatch(e -> e.state().equals("SCHEDULED"))) {
                                announced.countDown();
                                try {
                                  asked.await(30, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                  Thread.currentThread().interrupt();
                                }
                              }
                            },
                            inbox)),
            "run");
    run.start();
    assertThat(announced.await(60, TimeUnit.SECONDS)).isTrue();
    FleetView v = views.get(views.size() - 1);
    batteryEvent =
        v.events().stream()
            .filter(e -> e.programId().equals("byo-battery"))
            .findFirst()
            .orElseThrow()
            .id();
    // A battery customer becomes the participant "alice".
    var c =
        v.customers().values().stream()
            .filter(x -> x.programs().contains("byo-battery"))
            .sorted((a, b) -> a.id().compareTo(b.id()))
            .findFirst()
            .orElseThrow();
    customer = c.id();
    site = c.sites().iterator().next();
    accounts.addUser("alice", PASSWORD, Role.PARTICIPANT, Optional.of(customer));
    for (String user : List.of("admin", "viewer", "alice")) {
      Answer a =
          post("/api/v1/auth/login", json(Map.of("username", user, "password", PASSWORD)), "");
      assertThat(a.status()).as(user).isEqualTo(200);
      tokenOf.put(Role.valueOf(a.body().path("role").asText()), a.body().path("token").asText());
    }
    Answer t =
        form("grant_type=client_credentials&client_id=utility-1&client_secret=" + clientSecret, "");
    tokenOf.put(Role.UTILITY_PARTNER, t.body().path("access_token").asText());
    String other =
        v.customers().values().stream()
            .filter(x -> !x.id().equals(customer))
            .findFirst()
            .orElseThrow()
            .sites()
            .iterator()
            .next();
    optOutOfAnother =
        post(
            "/api/v1/events/" + enc(batteryEvent) + "/opt-outs",
            json(Map.of("siteId", other)),
            tokenOf.get(Role.PARTICIPANT));
    battery =
        v.devices().stream()
            .filter(d -> d.customer().equals(Optional.of(customer)) && d.kind().equals("BATTERY"))
            .findFirst()
            .orElseThrow()
            .id();
    CompletableFuture<Answer> setReserve =
        CompletableFuture.supplyAsync(
            () ->
                put(
                    "/api/v1/devices/" + enc(battery) + "/preferences",
                    "{\"reserveKwh\": 4.5}",
                    tokenOf.get(Role.PARTICIPANT)));
    CompletableFuture<Answer> setTooHigh =
        CompletableFuture.supplyAsync(
            () ->
                put(
                    "/api/v1/devices/" + enc(battery) + "/preferences",
                    "{\"reserveKwh\": 999}",
                    tokenOf.get(Role.PARTICIPANT)));
    CompletableFuture<Answer> setBand =
        CompletableFuture.supplyAsync(
            () ->
                put(
                    "/api/v1/devices/" + enc(battery) + "/preferences",
                    "{\"comfortLowC\": 20, \"comfortHighC\": 24}",
                    tokenOf.get(Role.OPERATOR_ADMIN)));
    CompletableFuture<Answer> mine =
        CompletableFuture.supplyAsync(
            () ->
                post(
                    "/api/v1/events/" + enc(batteryEvent) + "/opt-outs",
                    json(Map.of("siteId", site)),
                    tokenOf.get(Role.PARTICIPANT)));
    otherConsent =
        v.consents().stream()
            .filter(x -> !x.customerId().equals(customer))
            .findFirst()
            .orElseThrow()
            .id();
    CompletableFuture<Answer> revokeOther =
        CompletableFuture.supplyAsync(
            () ->
                post(
                    "/api/v1/consents/" + enc(otherConsent) + "/revocation",
                    "{}",
                    tokenOf.get(Role.OPERATOR_ADMIN)));
    assertThat(inbox.awaitWaiting(5, java.time.Duration.ofSeconds(10)))
        .as("the five changes queued for the paused run")
        .isTrue();
    asked.countDown();
    optOut = mine.get(30, TimeUnit.SECONDS);
    reserve = setReserve.get(30, TimeUnit.SECONDS);
    reserveTooHigh = setTooHigh.get(30, TimeUnit.SECONDS);
    bandOnABattery = setBand.get(30, TimeUnit.SECONDS);
    revocation = revokeOther.get(30, TimeUnit.SECONDS);
    run.join(120_000);
    inbox.close(); // as ./vpp up does when its run ends
    api.publish(SettlementView.of(report.get().event().id(), report.get().settlement()));
    api.publish(PerformanceView.of(FleetRun.PROGRAM, report.get()));
    scenario = s;
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  record Answer(int status, JsonNode body) {}

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String json(Map<String, String> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + dashboard.port() + path);
  }

  static Answer delete(String path, String token) {
    return send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE());
  }

  static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 204) {
        return new Answer(204, JSON.createObjectNode());
      }
      assertThat(r.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      return new Answer(r.statusCode(), JSON.readTree(r.body()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Answer get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  static Answer get(String path, Role role) {
    return get(path, tokenOf.get(role));
  }

  static Answer post(String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  static Answer put(String path, String body, String token) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Answer form(String body, String basic) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/api/v1/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!basic.isEmpty()) {
      b.header("Authorization", "Basic " + basic);
    }
    return send(b);
  }

  static void valid(String schema, JsonNode body) {
    Schema s = registry.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + schema));
    assertThat(s.validate(body)).as("%s against %s", body, schema).isEmpty();
  }

  static Answer ok(String path, Role role, String schema) {
    Answer a = get(path, role);
    assertThat(a.status()).as("%s as %s: %s", path, role, a.body()).isEqualTo(200);
    valid(schema, a.body());
    return a;
  }

  static FleetView last() {
    synchronized (views) {
      return views.get(views.size() - 1);
    }
  }

  // ---- Reading --------------------------------------------------------------------------------

  @Test
  void theRunPublishesViewsThroughTheDay() {
    assertThat(views).hasSizeGreaterThanOrEqualTo(10 * 4);
    assertThat(views.get(0).devices()).isNotEmpty();
  }

  @Test
  void theFleetShowsEveryGroupWithItsTotals() {
    Answer a = ok("/api/v1/fleet", Role.OPERATOR_VIEWER, "Fleet");
    assertThat(a.body().path("groups").get(0).path("id").asText()).isEqualTo("fleet");
    assertThat(a.body().path("groups").get(0).path("devices").asInt()).isPositive();
    ok("/api/v1/fleet", Role.UTILITY_PARTNER, "Fleet");
  }

  @Test
  void devicesArePagedAndFiltered() {
    Answer all = ok("/api/v1/devices", Role.OPERATOR_ADMIN, "DevicePage");
    int total = all.body().path("total").asInt();
    assertThat(total).isEqualTo(last().devices().size());
    Answer page =
        ok(
            "/api/v1/devices?kind=battery&online=true&offset=2&limit=3",
            Role.OPERATOR_ADMIN,
            "DevicePage");
    assertThat(page.body().path("items").size()).isBetween(1, 3);
    for (JsonNode d : page.body().path("items")) {
      assertThat(d.path("kind").asText()).isEqualTo("BATTERY");
      assertThat(d.path("online").asBoolean()).isTrue();
    }
    String id = all.body().path("items").get(0).path("id").asText();
    assertThat(
            ok("/api/v1/devices/" + enc(id), Role.OPERATOR_VIEWER, "Device")
                .body()
                .path("id")
                .asText())
        .isEqualTo(id);
    assertThat(
            ok("/api/v1/devices?offset=" + (total + 5), Role.OPERATOR_ADMIN, "DevicePage")
                .body()
                .path("items")
                .size())
        .isZero();
  }

  @Test
  void aParticipantSeesOnlyTheirOwnDevicesAndTheirProgramsEvents() {
    Answer mine = ok("/api/v1/devices?limit=500", Role.PARTICIPANT, "DevicePage");
    assertThat(mine.body().path("total").asInt()).isPositive();
    for (JsonNode d : mine.body().path("items")) {
      assertThat(d.path("customerId").asText()).isEqualTo(customer);
    }
    String someoneElses =
        last().devices().stream()
            .filter(d -> d.customer().isPresent() && !d.customer().get().equals(customer))
            .findFirst()
            .orElseThrow()
            .id();
    Answer hidden = get("/api/v1/devices/" + enc(someoneElses), Role.PARTICIPANT);
    assertThat(hidden.status()).as("another's device does not exist for them").isEqualTo(404);
    var programs = last().customers().get(customer).programs();
    Answer events = ok("/api/v1/events", Role.PARTICIPANT, "EventPage");
    assertThat(events.body().path("total").asInt()).isEqualTo(programs.size());
    for (JsonNode e : events.body().path("items")) {
      assertThat(programs).contains(e.path("programId").asText());
    }
  }

  @Test
  void programsAndTheirEventsAreListed() {
    Answer programs = ok("/api/v1/programs", Role.UTILITY_PARTNER, "Programs");
    List<String> ids = new ArrayList<>();
    programs.body().path("items").forEach(p -> ids.add(p.path("id").asText()));
    assertThat(ids).containsExactly("byo-battery", "managed-ev", "smart-thermostat");
    assertThat(ok("/api/v1/events", Role.OPERATOR_VIEWER, "EventPage").body().path("total").asInt())
        .isEqualTo(3);
    Answer done =
        ok("/api/v1/events?state=completed&program=byo-battery", Role.OPERATOR_ADMIN, "EventPage");
    assertThat(done.body().path("total").asInt()).isEqualTo(1);
    Answer one = ok("/api/v1/events/" + enc(batteryEvent), Role.UTILITY_PARTNER, "Event");
    assertThat(one.body().path("state").asText()).isEqualTo("COMPLETED");
    assertThat(one.body().path("optedOut").asInt()).as("alice's opt-out").isEqualTo(1);
  }

  @Test
  void theSettlementAndEachParticipantsStatementAreShownToWhoMaySeeThem() {
    Answer sum = ok("/api/v1/settlement", Role.UTILITY_PARTNER, "Settlement");
    assertThat(sum.body().path("participants").asInt()).isPositive();
    assertThat(sum.body().path("ledgerTotalUsd").asText()).isEqualTo("0.00");
    Answer page = ok("/api/v1/statements?limit=500", Role.OPERATOR_VIEWER, "StatementPage");
    assertThat(page.body().path("total").asInt())
        .isEqualTo(sum.body().path("participants").asInt());
    Answer mine = ok("/api/v1/statements/" + enc(customer), Role.PARTICIPANT, "Statement");
    assertThat(mine.body().path("customerId").asText()).isEqualTo(customer);
    assertThat(mine.body().path("events").size()).isGreaterThanOrEqualTo(0);
    String someoneElse =
        page.body().path("items").findValuesAsText("customerId").stream()
            .filter(c -> !c.equals(customer))
            .findFirst()
            .orElseThrow();
    assertThat(get("/api/v1/statements/" + enc(someoneElse), Role.PARTICIPANT).status())
        .as("another's statement does not exist for them")
        .isEqualTo(404);
  }

  @Test
  void groupsAreTheTreeWithTheirTotalsParentsAndChildren() {
    Answer all = ok("/api/v1/groups?limit=500", Role.OPERATOR_VIEWER, "GroupPage");
    assertThat(all.body().path("total").asInt()).isEqualTo(last().groups().size());
    JsonNode fleet = all.body().path("items").get(0);
    assertThat(fleet.path("id").asText()).isEqualTo("fleet");
    assertThat(fleet.has("parent")).isFalse();
    assertThat(fleet.path("children").get(0).asText()).isEqualTo("byo-battery");
    // A feeder's id has slashes in it and is sent as it is.
    String feeder =
        last().groups().stream()
            .map(FleetView.GroupView::id)
            .filter(id -> id.contains("/feeder-"))
            .findFirst()
            .orElseThrow();
    Answer one = ok("/api/v1/groups/" + feeder, Role.UTILITY_PARTNER, "TreeGroup");
    assertThat(one.body().path("id").asText()).isEqualTo(feeder);
    assertThat(one.body().path("parent").asText()).isEqualTo(feeder.replaceAll("/feeder-.*", ""));
    assertThat(one.body().path("children").size()).isZero();
    assertThat(one.body().path("devices").asInt()).isPositive();
    Answer under = ok("/api/v1/groups?parent=byo-battery", Role.OPERATOR_ADMIN, "GroupPage");
    assertThat(under.body().path("items").findValuesAsText("parent")).containsOnly("byo-battery");
    assertThat(under.body().path("total").asInt()).isEqualTo(scenario.regions().size());
  }

  @Test
  void enrolmentsArePagedFilteredAndAParticipantSeesOnlyTheirs() {
    Answer all = ok("/api/v1/enrolments?limit=500", Role.OPERATOR_ADMIN, "EnrolmentPage");
    assertThat(all.body().path("total").asInt()).isEqualTo(last().enrolments().size()).isPositive();
    Answer battery =
        ok(
            "/api/v1/enrolments?program=byo-battery&state=enrolled&limit=2",
            Role.OPERATOR_VIEWER,
            "EnrolmentPage");
    assertThat(battery.body().path("items").size()).isBetween(1, 2);
    for (JsonNode e : battery.body().path("items")) {
      assertThat(e.path("programId").asText()).isEqualTo("byo-battery");
      assertThat(e.path("state").asText()).isEqualTo("ENROLLED");
      assertThat(e.has("enrolledAt")).isTrue();
    }
    long enrolledInBattery =
        last().enrolments().stream()
            .filter(e -> e.programId().equals("byo-battery") && e.state().equals("ENROLLED"))
            .count();
    assertThat(battery.body().path("total").asLong()).isEqualTo(enrolledInBattery);
    Answer mine = ok("/api/v1/enrolments?limit=500", Role.PARTICIPANT, "EnrolmentPage");
    assertThat(mine.body().path("total").asInt()).isPositive();
    assertThat(mine.body().path("items").findValuesAsText("customerId")).containsOnly(customer);
    assertThat(
            ok("/api/v1/enrolments?customer=" + enc(customer), Role.PARTICIPANT, "EnrolmentPage")
                .body()
                .path("total")
                .asInt())
        .isEqualTo(mine.body().path("total").asInt());
    String other =
        last().enrolments().stream()
            .map(FleetView.EnrolmentView::customerId)
            .filter(c -> !c.equals(customer))
            .findFirst()
            .orElseThrow();
    Answer refused = get("/api/v1/enrolments?customer=" + enc(other), Role.PARTICIPANT);
    assertThat(refused.status()).isEqualTo(403);
    valid("Error", refused.body());
    assertThat(refused.body().path("message").asText())
        .contains("leave out customer or give yours");
    assertThat(
            ok("/api/v1/enrolments?customer=" + enc(other), Role.OPERATOR_ADMIN, "EnrolmentPage")
                .body()
                .path("items")
                .findValuesAsText("customerId"))
        .isNotEmpty()
        .containsOnly(other);
  }

  @Test
  void consentsArePagedFilteredAndAParticipantSeesOnlyTheirs() {
    Answer all = ok("/api/v1/consents?limit=500", Role.OPERATOR_VIEWER, "ConsentPage");
    assertThat(all.body().path("total").asInt()).isEqualTo(last().consents().size()).isPositive();
    Answer active =
        ok("/api/v1/consents?state=active&program=byo-battery", Role.OPERATOR_ADMIN, "ConsentPage");
    assertThat(active.body().path("items").findValuesAsText("state")).containsOnly("ACTIVE");
    assertThat(active.body().path("total").asInt()).isPositive();
    Answer mine = ok("/api/v1/consents?limit=500", Role.PARTICIPANT, "ConsentPage");
    assertThat(mine.body().path("total").asInt()).isPositive();
    assertThat(mine.body().path("items").findValuesAsText("customerId")).containsOnly(customer);
    Answer site1 = ok("/api/v1/consents?site=" + enc(site), Role.PARTICIPANT, "ConsentPage");
    assertThat(site1.body().path("items").findValuesAsText("siteId")).containsOnly(site);
  }

  @Test
  void dispatchShowsWhatEachProgramAskedAndWhatItsDevicesDid() {
    Answer a = ok("/api/v1/dispatch", Role.UTILITY_PARTNER, "Dispatch");
    List<String> programs = a.body().path("items").findValuesAsText("programId");
    assertThat(programs).containsExactly("byo-battery", "managed-ev", "smart-thermostat");
    JsonNode batteries = a.body().path("items").get(0);
    assertThat(batteries.path("kind").asText()).isEqualTo("BATTERY");
    assertThat(batteries.has("targetKw")).isTrue();
    assertThat(batteries.path("commandsSent").asLong()).as("the event was dispatched").isPositive();
    assertThat(batteries.path("devices").asInt()).isEqualTo(12);
    assertThat(a.body().path("items").get(1).has("reductionAskedKw")).isTrue();
  }

  @Test
  void flexibilityIsForecastAsBandsAndMeasuredThroughTheRun() {
    Answer a = ok("/api/v1/flexibility", Role.OPERATOR_VIEWER, "Flexibility");
    JsonNode f = a.body();
    int intervals = scenario.hours() * 4;
    assertThat(f.path("first").size()).as("the first forecast covers the run").isEqualTo(intervals);
    assertThat(f.path("first").get(0).path("start").asText())
        .isEqualTo(scenario.start().toInstant().toString());
    assertThat(f.path("measured").size()).as("one per boundary").isEqualTo(intervals);
    assertThat(f.path("hourAhead").size()).as("every interval, an hour ahead").isEqualTo(intervals);
    // The interval two hours in was last forecast an hour before it, not later.
    assertThat(f.path("hourAhead").get(8).path("start").asText())
        .isEqualTo(scenario.start().toInstant().plus(java.time.Duration.ofHours(2)).toString());
    assertThat(f.path("latest").size()).isBetween(1, intervals);
    assertThat(f.path("devices").asInt()).isPositive();
    for (JsonNode b : f.path("first")) {
      assertThat(b.path("p10Kw").asDouble()).isLessThanOrEqualTo(b.path("p50Kw").asDouble());
      assertThat(b.path("p50Kw").asDouble()).isLessThanOrEqualTo(b.path("p90Kw").asDouble());
    }
    // Before the event the batteries hold their charge: the first forecast's P50 of the first
    // interval is (nearly) what the tree measured then.
    assertThat(f.path("first").get(0).path("p50Kw").asDouble())
        .isCloseTo(
            f.path("measured").get(0).path("availableKw").asDouble(),
            org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(f.path("first").get(0).path("p90Kw").asDouble()).isPositive();
  }

  @Test
  void pricesAreTheScenariosDayAheadPricesHourByHour() {
    Answer a = ok("/api/v1/prices", Role.PARTICIPANT, "Prices");
    JsonNode items = a.body().path("items");
    assertThat(items.size()).isEqualTo(scenario.hours());
    var local = scenario.start();
    String expected =
        SimData.load()
            .caiso2019()
            .day(local.toLocalDate())
            .get(local.getHour())
            .perMegawattHour()
            .amount()
            .toPlainString();
    assertThat(items.get(0).path("usdPerMwh").asText()).isEqualTo(expected);
    assertThat(items.get(0).path("start").asText())
        .isEqualTo(scenario.start().toInstant().toString());
  }

  @Test
  void anEventsPerformanceIsMeasuredPerIntervalOnceTheRunHasEnded() {
    Answer a =
        ok(
            "/api/v1/events/" + enc(batteryEvent) + "/performance",
            Role.OPERATOR_VIEWER,
            "Performance");
    JsonNode intervals = a.body().path("intervals");
    // 06:00-09:00 in 15-minute intervals.
    assertThat(intervals.size()).isEqualTo(12);
    for (JsonNode i : intervals) {
      assertThat(i.path("deliveredKw").asDouble())
          .isCloseTo(
              i.path("baselineKw").asDouble() - i.path("meteredKw").asDouble(),
              org.assertj.core.data.Offset.offset(1e-6));
      assertThat(i.path("committedKw").asDouble()).isPositive();
    }
    assertThat(a.body().path("deliveredRatio").asDouble()).isPositive();
    assertThat(
            get("/api/v1/events/" + enc(batteryEvent) + "/performance", Role.UTILITY_PARTNER)
                .status())
        .isEqualTo(200);
    Answer refused = get("/api/v1/events/" + enc(batteryEvent) + "/performance", Role.PARTICIPANT);
    assertThat(refused.status()).isEqualTo(403);
    String evEvent =
        last().events().stream()
            .filter(e -> e.programId().equals("managed-ev"))
            .findFirst()
            .orElseThrow()
            .id();
    Answer notMeasured =
        get("/api/v1/events/" + enc(evEvent) + "/performance", Role.OPERATOR_ADMIN);
    assertThat(notMeasured.status()).isEqualTo(404);
    assertThat(notMeasured.body().path("message").asText())
        .contains("the run measures its battery event");
  }

  @Test
  void beforeTheRunHasMeasuredOrForecastTheApiSaysNotReady() throws Exception {
    Accounts solo = new Accounts();
    solo.addUser("admin", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    Tokens tokens = new Tokens();
    Api early = new Api(solo, tokens, new AuditLog(), new ApiInbox(), InstantSource.system());
    try (Dashboard d = Dashboard.start(0, java.time.ZoneOffset.UTC, early)) {
      String token =
          tokens.issue(
              solo.login("admin", PASSWORD).orElseThrow(), java.time.Instant.now(), Api.SESSION);
      java.util.function.Function<String, Answer> at =
          path ->
              send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + path))
                      .header("Authorization", "Bearer " + token));
      // A view from before the run made a forecast or measured anything.
      FleetView v = last();
      early.publish(v.withRun(Optional.empty(), v.prices(), v.dispatch()));
      Answer perf = at.apply("/api/v1/events/" + enc(batteryEvent) + "/performance");
      assertThat(perf.status()).isEqualTo(409);
      valid("Error", perf.body());
      assertThat(perf.body().path("code").asText()).isEqualTo("not_ready");
      assertThat(perf.body().path("message").asText()).contains("when the run has ended");
      Answer flex = at.apply("/api/v1/flexibility");
      assertThat(flex.status()).isEqualTo(409);
      assertThat(flex.body().path("code").asText()).isEqualTo("not_ready");
      early.publish(v.withRun(Optional.empty(), List.of(), v.dispatch()));
      Answer prices = at.apply("/api/v1/prices");
      assertThat(prices.status()).isEqualTo(404);
      assertThat(prices.body().path("message").asText()).contains("has no day-ahead prices");
    }
  }

  // ---- Roles ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @CsvSource({
    "/api/v1/me, OPERATOR_ADMIN, 200",
    "/api/v1/me, OPERATOR_VIEWER, 200",
    "/api/v1/me, UTILITY_PARTNER, 200",
    "/api/v1/me, PARTICIPANT, 200",
    "/api/v1/fleet, OPERATOR_ADMIN, 200",
    "/api/v1/fleet, OPERATOR_VIEWER, 200",
    "/api/v1/fleet, UTILITY_PARTNER, 200",
    "/api/v1/fleet, PARTICIPANT, 403",
    "/api/v1/devices, OPERATOR_ADMIN, 200",
    "/api/v1/devices, OPERATOR_VIEWER, 200",
    "/api/v1/devices, UTILITY_PARTNER, 403",
    "/api/v1/devices, PARTICIPANT, 200",
    "/api/v1/devices/x, OPERATOR_ADMIN, 404",
    "/api/v1/devices/x, OPERATOR_VIEWER, 404",
    "/api/v1/devices/x, UTILITY_PARTNER, 403",
    "/api/v1/devices/x, PARTICIPANT, 404",
    "/api/v1/programs, OPERATOR_ADMIN, 200",
    "/api/v1/programs, OPERATOR_VIEWER, 200",
    "/api/v1/programs, UTILITY_PARTNER, 200",
    "/api/v1/programs, PARTICIPANT, 200",
    "/api/v1/events, OPERATOR_ADMIN, 200",
    "/api/v1/events, OPERATOR_VIEWER, 200",
    "/api/v1/events, UTILITY_PARTNER, 200",
    "/api/v1/events, PARTICIPANT, 200",
    "/api/v1/events/x, OPERATOR_ADMIN, 404",
    "/api/v1/events/x, OPERATOR_VIEWER, 404",
    "/api/v1/events/x, UTILITY_PARTNER, 404",
    "/api/v1/events/x, PARTICIPANT, 404",
    "/api/v1/settlement, OPERATOR_ADMIN, 200",
    "/api/v1/settlement, OPERATOR_VIEWER, 200",
    "/api/v1/settlement, UTILITY_PARTNER, 200",
    "/api/v1/settlement, PARTICIPANT, 403",
    "/api/v1/statements, OPERATOR_ADMIN, 200",
    "/api/v1/statements, OPERATOR_VIEWER, 200",
    "/api/v1/statements, UTILITY_PARTNER, 403",
    "/api/v1/statements, PARTICIPANT, 403",
    "/api/v1/statements/x, OPERATOR_ADMIN, 404",
    "/api/v1/statements/x, UTILITY_PARTNER, 403",
    "/api/v1/statements/x, PARTICIPANT, 404",
    "/api/v1/groups, OPERATOR_ADMIN, 200",
    "/api/v1/groups, OPERATOR_VIEWER, 200",
    "/api/v1/groups, UTILITY_PARTNER, 200",
    "/api/v1/groups, PARTICIPANT, 403",
    "/api/v1/groups/fleet, OPERATOR_ADMIN, 200",
    "/api/v1/groups/fleet, OPERATOR_VIEWER, 200",
    "/api/v1/groups/fleet, UTILITY_PARTNER, 200",
    "/api/v1/groups/fleet, PARTICIPANT, 403",
    "/api/v1/groups/x, OPERATOR_ADMIN, 404",
    "/api/v1/groups/x, UTILITY_PARTNER, 404",
    "/api/v1/enrolments, OPERATOR_ADMIN, 200",
    "/api/v1/enrolments, OPERATOR_VIEWER, 200",
    "/api/v1/enrolments, UTILITY_PARTNER, 403",
    "/api/v1/enrolments, PARTICIPANT, 200",
    "/api/v1/consents, OPERATOR_ADMIN, 200",
    "/api/v1/consents, OPERATOR_VIEWER, 200",
    "/api/v1/consents, UTILITY_PARTNER, 403",
    "/api/v1/consents, PARTICIPANT, 200",
    "/api/v1/dispatch, OPERATOR_ADMIN, 200",
    "/api/v1/dispatch, OPERATOR_VIEWER, 200",
    "/api/v1/dispatch, UTILITY_PARTNER, 200",
    "/api/v1/dispatch, PARTICIPANT, 403",
    "/api/v1/flexibility, OPERATOR_ADMIN, 200",
    "/api/v1/flexibility, OPERATOR_VIEWER, 200",
    "/api/v1/flexibility, UTILITY_PARTNER, 200",
    "/api/v1/flexibility, PARTICIPANT, 403",
    "/api/v1/prices, OPERATOR_ADMIN, 200",
    "/api/v1/prices, OPERATOR_VIEWER, 200",
    "/api/v1/prices, UTILITY_PARTNER, 200",
    "/api/v1/prices, PARTICIPANT, 200",
    "/api/v1/events/x/performance, OPERATOR_ADMIN, 404",
    "/api/v1/events/x/performance, OPERATOR_VIEWER, 404",
    "/api/v1/events/x/performance, UTILITY_PARTNER, 404",
    "/api/v1/events/x/performance, PARTICIPANT, 403",
    "/api/v1/audit, OPERATOR_ADMIN, 200",
    "/api/v1/audit, OPERATOR_VIEWER, 403",
    "/api/v1/audit, UTILITY_PARTNER, 403",
    "/api/v1/audit, PARTICIPANT, 403"
  })
  void everyEndpointAdmitsItsRolesAndRefusesTheOthers(String path, Role role, int status) {
    Answer a = get(path, role);
    assertThat(a.status()).as("%s", a.body()).isEqualTo(status);
    if (status != 200) {
      valid("Error", a.body());
      assertThat(a.body().path("code").asText())
          .isEqualTo(status == 403 ? "forbidden" : "not_found");
    }
  }

  @ParameterizedTest(name = "opt-out as {0} -> {1}")
  @CsvSource({"OPERATOR_VIEWER, 403", "UTILITY_PARTNER, 403"})
  void onlyAnOperatorAdminOrTheParticipantMayOptOut(Role role, int status) {
    Answer a =
        post(
            "/api/v1/events/" + enc(batteryEvent) + "/opt-outs",
            json(Map.of("siteId", site)),
            tokenOf.get(role));
    assertThat(a.status()).isEqualTo(status);
    valid("Error", a.body());
  }

  @Test
  void withoutAValidTokenEveryProtectedPathIsRefused() {
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String declared = it.next();
      String path = declared.replaceAll("\\{[a-z]+\\}", "x");
      if (path.startsWith("/api/v1/auth/")) {
        continue;
      }
      boolean delete =
          !document.path("paths").path(declared).has("get")
              && document.path("paths").path(declared).has("delete");
      boolean write =
          path.endsWith("/opt-outs")
              || path.endsWith("/password")
              || path.endsWith("/accounts")
              || path.endsWith("/revocation")
              || path.endsWith("/withdrawal");
      boolean preferences = path.endsWith("/preferences");
      for (String token : List.of("", "not-a-token", tokenOf.get(Role.OPERATOR_ADMIN) + "x")) {
        Answer a =
            delete
                ? delete(path, token)
                : write
                    ? post(path, "{}", token)
                    : preferences
                        ? send(
                            HttpRequest.newBuilder(uri(path))
                                .header("Authorization", "Bearer " + token)
                                .PUT(HttpRequest.BodyPublishers.ofString("{}")))
                        : get(path, token);
        assertThat(a.status()).as("%s with '%s'", path, token).isEqualTo(401);
        valid("Error", a.body());
        assertThat(a.body().path("code").asText()).isEqualTo("unauthenticated");
      }
    }
  }

  // ---- Logging in and tokens ------------------------------------------------------------------

  @Test
  void loginSetsAnHttpOnlySessionCookieThatAuthenticatesLikeTheToken() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json(Map.of("username", "viewer", "password", PASSWORD))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    valid("Session", JSON.readTree(r.body()));
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("vpp_session=").contains("HttpOnly").contains("SameSite=Strict");
    Answer me =
        send(
            HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .GET());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("role").asText()).isEqualTo("OPERATOR_VIEWER");
  }

  @ParameterizedTest(name = "login {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"username\":\"viewer\",\"password\":\"wrong password!\"} | 401 | bad_credentials",
        "{\"username\":\"nobody\",\"password\":\"a long test password\"} | 401 | bad_credentials",
        "{\"username\":\"viewer\"} | 400 | bad_request",
        "not json | 400 | bad_request",
        "[1,2] | 400 | bad_request"
      })
  void aBadLoginIsRefusedWithAClearMessage(String body, int status, String code) {
    Answer a = post("/api/v1/auth/login", body, "");
    assertThat(a.status()).isEqualTo(status);
    valid("Error", a.body());
    assertThat(a.body().path("code").asText()).isEqualTo(code);
  }

  @Test
  void machineClientsGetATokenByClientCredentialsInTheFormOrByBasicAuth() {
    Answer form =
        form("grant_type=client_credentials&client_id=utility-1&client_secret=" + clientSecret, "");
    assertThat(form.status()).isEqualTo(200);
    valid("ClientToken", form.body());
    String basic =
        Base64.getEncoder()
            .encodeToString(("utility-1:" + clientSecret).getBytes(StandardCharsets.UTF_8));
    Answer viaBasic = form("grant_type=client_credentials", basic);
    assertThat(viaBasic.status()).isEqualTo(200);
    assertThat(
            get("/api/v1/me", viaBasic.body().path("access_token").asText())
                .body()
                .path("role")
                .asText())
        .isEqualTo("UTILITY_PARTNER");
  }

  @ParameterizedTest(name = "token {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "grant_type=password&client_id=utility-1&client_secret=x | 400 | unsupported_grant_type",
        "client_id=utility-1&client_secret=x | 400 | invalid_request",
        "grant_type=client_credentials&client_id=utility-1 | 400 | invalid_request",
        "grant_type=client_credentials&client_id=utility-1&client_secret=wrong | 401 | invalid_client",
        "grant_type=client_credentials&client_id=admin&client_secret=a long test password | 401 | invalid_client"
      })
  void aBadTokenRequestGetsTheOAuthErrorItDeserves(String body, int status, String error) {
    Answer a = form(body, "");
    assertThat(a.status()).isEqualTo(status);
    valid("OAuthError", a.body());
    assertThat(a.body().path("error").asText()).isEqualTo(error);
  }

  // ---- Changes and the audit log --------------------------------------------------------------

  @Test
  void aParticipantsOptOutReachesTheRunningVppAndIsAudited() {
    assertThat(optOut.status()).as("%s", optOut.body()).isEqualTo(201);
    valid("OptOut", optOut.body());
    assertThat(optOutOfAnother.status()).isEqualTo(403);
    Answer again =
        post(
            "/api/v1/events/" + enc(batteryEvent) + "/opt-outs",
            json(Map.of("siteId", site)),
            tokenOf.get(Role.PARTICIPANT));
    assertThat(again.status()).as("the run is over").isEqualTo(409);
    valid("Error", again.body());
    Answer log = ok("/api/v1/audit", Role.OPERATOR_ADMIN, "AuditPage");
    List<String> outcomes = new ArrayList<>();
    log.body()
        .path("items")
        .forEach(e -> outcomes.add(e.path("subject").asText() + " " + e.path("outcome").asText()));
    assertThat(outcomes).contains("alice done", "alice refused: not the participant's site");
    assertThat(audit.entries())
        .allSatisfy(
            e ->
                assertThat(e.action())
                    .isIn(
                        "event.opt-out",
                        "device.preferences",
                        "consent.revoke",
                        "enrolment.withdraw",
                        "account.create",
                        "account.password",
                        "account.remove"));
  }

  @Test
  void aParticipantSetsTheirBatterysReserveAndTheVppKeepsIt() {
    assertThat(reserve.status()).as("%s", reserve.body()).isEqualTo(200);
    valid("PreferencesSet", reserve.body());
    Answer d = ok("/api/v1/devices/" + enc(battery), Role.PARTICIPANT, "Device");
    assertThat(d.body().path("preferences").path("reserveKwh").asDouble()).isEqualTo(4.5);
    assertThat(reserveTooHigh.status()).isEqualTo(400);
    valid("Error", reserveTooHigh.body());
    assertThat(reserveTooHigh.body().path("message").asText()).contains("must be within 0..");
    assertThat(bandOnABattery.status()).isEqualTo(400);
    assertThat(bandOnABattery.body().path("message").asText()).contains("has no comfort band");
    assertThat(audit.entries())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("device.preferences");
              assertThat(e.subject()).isEqualTo("alice");
              assertThat(e.outcome()).isEqualTo("done");
            });
  }

  @ParameterizedTest(name = "preferences as {0} -> {1}")
  @CsvSource({"OPERATOR_VIEWER, 403", "UTILITY_PARTNER, 403"})
  void onlyAnOperatorAdminOrTheOwnerMaySetPreferences(Role role, int status) {
    Answer a =
        put(
            "/api/v1/devices/" + enc(battery) + "/preferences",
            "{\"reserveKwh\": 3}",
            tokenOf.get(role));
    assertThat(a.status()).isEqualTo(status);
    valid("Error", a.body());
  }

  @ParameterizedTest(name = "preferences {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{} | give at least one of",
        "{\"reserveKwh\": \"lots\"} | reserveKwh must be a number",
        "{\"comfortLowC\": 20} | needs both comfortLowC and comfortHighC",
        "{\"readyBy\": \"7 am\"} | readyBy must be a time of day"
      })
  void malformedPreferencesAreRefusedBeforeTheyReachTheRun(String body, String message) {
    Answer a =
        put(
            "/api/v1/devices/" + enc(battery) + "/preferences",
            body,
            tokenOf.get(Role.OPERATOR_ADMIN));
    assertThat(a.status()).isEqualTo(400);
    valid("Error", a.body());
    assertThat(a.body().path("message").asText()).contains(message);
  }

  // ---- Refusals and the document --------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/api/v1/devices?limit=0, 400, bad_request, limit must be a whole number in 1..500",
    "/api/v1/devices?limit=501, 400, bad_request, limit must be a whole number in 1..500",
    "/api/v1/devices?offset=-1, 400, bad_request, offset must be a whole number",
    "/api/v1/devices?limit=ten, 400, bad_request, was 'ten'",
    "/api/v1/devices?kind=toaster, 400, bad_request, kind must be one of",
    "/api/v1/devices?online=maybe, 400, bad_request, online must be true or false",
    "/api/v1/events?state=late, 400, bad_request, state must be one of",
    "/api/v1/devices/no-such-device, 404, not_found, no device 'no-such-device'",
    "/api/v1/events/no-such-event, 404, not_found, no event 'no-such-event'",
    "/api/v1/groups?limit=0, 400, bad_request, limit must be a whole number in 1..500",
    "/api/v1/groups?parent=nowhere, 404, not_found, no group 'nowhere'",
    "/api/v1/groups/fleet%2Fnowhere, 404, not_found, no group 'fleet/nowhere'",
    "/api/v1/groups?colour=red, 400, bad_request, unknown query parameter 'colour'",
    "/api/v1/enrolments?state=pending, 400, bad_request, state must be one of [ENROLLED, WAITING, WITHDRAWN]",
    "/api/v1/enrolments?program=solar, 400, bad_request, program must be one of [byo-battery, managed-ev, smart-thermostat]",
    "/api/v1/enrolments?limit=501, 400, bad_request, limit must be a whole number in 1..500",
    "/api/v1/enrolments?programme=byo-battery, 400, bad_request, unknown query parameter 'programme'",
    "/api/v1/consents?state=granted, 400, bad_request, state must be one of [ACTIVE, EXPIRED, REVOKED]",
    "/api/v1/consents?program=solar, 400, bad_request, program must be one of",
    "/api/v1/consents?offset=-3, 400, bad_request, offset must be a whole number",
    "/api/v1/dispatch?program=byo-battery, 400, bad_request, this endpoint takes none",
    "/api/v1/flexibility?quantile=p10, 400, bad_request, this endpoint takes none",
    "/api/v1/prices?day=2019-01-15, 400, bad_request, this endpoint takes none",
    "/api/v1/events/no-such-event/performance, 404, not_found, no event 'no-such-event'",
    "/api/v1/devices?type=battery, 400, bad_request, this endpoint takes offset, limit, kind, online",
    "/api/v1/events?status=active, 400, bad_request, unknown query parameter 'status'",
    "/api/v1/fleet?group=fleet, 400, bad_request, this endpoint takes none",
    "/api/v1/audit?subject=alice, 400, bad_request, this endpoint takes offset, limit"
  })
  void badRequestsAreRefusedWithACodeAndAMessageThatSaysWhatToFix(
      String path, int status, String code, String message) {
    Answer a = get(path, Role.OPERATOR_ADMIN);
    assertThat(a.status()).isEqualTo(status);
    valid("Error", a.body());
    assertThat(a.body().path("code").asText()).isEqualTo(code);
    assertThat(a.body().path("message").asText()).contains(message);
  }

  @Test
  void beforeTheFirstViewTheApiSaysItIsNotReady() throws Exception {
    Accounts solo = new Accounts();
    solo.addUser("admin", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    Tokens tokens = new Tokens();
    Api empty = new Api(solo, tokens, new AuditLog(), new ApiInbox(), InstantSource.system());
    try (Dashboard d = Dashboard.start(0, java.time.ZoneOffset.UTC, empty)) {
      String token =
          tokens.issue(
              solo.login("admin", PASSWORD).orElseThrow(), java.time.Instant.now(), Api.SESSION);
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + "/api/v1/fleet"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(r.body());
      valid("Error", body);
      assertThat(body.path("code").asText()).isEqualTo("not_ready");
    }
  }

  @Test
  void theOpenApiDocumentIsServedAndEveryPathInItAnswers() {
    Answer doc = get("/openapi.json", "");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).isEqualTo(document);
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (path.startsWith("/api/v1/auth/")
          || path.endsWith("/opt-outs")
          || path.endsWith("/preferences")
          || path.endsWith("/password")
          || path.endsWith("/revocation")
          || path.endsWith("/withdrawal")
          || !document.path("paths").path(path).has("get")) {
        continue; // changes, exercised above
      }
      String p = path.replaceAll("\\{[a-z]+\\}", "x");
      int status = get(p, Role.OPERATOR_ADMIN).status();
      assertThat(status).as(p).isEqualTo(p.contains("/x") ? 404 : 200);
    }
  }

  @ParameterizedTest(name = "runs as {0} -> {1}")
  @CsvSource({
    "OPERATOR_ADMIN, 200",
    "OPERATOR_VIEWER, 200",
    "UTILITY_PARTNER, 403",
    "PARTICIPANT, 403"
  })
  void theKeptRunsAreForOperators(Role role, int status) {
    Answer a = get("/api/v1/runs", role);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
    valid(status == 200 ? "RunPage" : "Error", a.body());
    Answer one = get("/api/v1/runs/run-1", role);
    // This API keeps no runs (RestartTest serves kept ones): a run is 404 to whoever may look.
    assertThat(one.status()).isEqualTo(status == 200 ? 404 : 403);
    valid("Error", one.body());
  }

  @Test
  void fiveFailedLoginsHoldANameOffEvenWithTheRightPassword() throws Exception {
    accounts.addUser("guessed", PASSWORD, Role.OPERATOR_VIEWER, Optional.empty());
    for (int i = 0; i < 5; i++) {
      Answer a =
          post(
              "/api/v1/auth/login",
              json(Map.of("username", "guessed", "password", "guess number " + i)),
              "");
      assertThat(a.status()).isEqualTo(401);
    }
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json(Map.of("username", "guessed", "password", PASSWORD))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After").map(Long::parseLong))
        .get()
        .satisfies(s -> assertThat(s).isBetween(1L, 900L));
    JsonNode body = JSON.readTree(r.body());
    valid("Error", body);
    assertThat(body.path("code").asText()).isEqualTo("too_many_attempts");
    // another name is not held off
    assertThat(
            post("/api/v1/auth/login", json(Map.of("username", "viewer", "password", PASSWORD)), "")
                .status())
        .isEqualTo(200);
  }

  @Test
  void anOperatorAdminMakesAccountsThatLogInAndChangeTheirPassword() throws Exception {
    Answer made =
        post(
            "/api/v1/accounts",
            json(Map.of("name", "ana", "role", "PARTICIPANT", "customer", customer)),
            tokenOf.get(Role.OPERATOR_ADMIN));
    assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
    valid("NewAccount", made.body());
    String first = made.body().path("password").asText();
    assertThat(first).hasSizeGreaterThanOrEqualTo(12);
    String token = login("ana", first);
    Answer changed =
        post(
            "/api/v1/me/password",
            json(Map.of("currentPassword", first, "newPassword", "ana's own long password")),
            token);
    assertThat(changed.status()).isEqualTo(204);
    assertThat(loginStatus("ana", first)).isEqualTo(401);
    assertThat(loginStatus("ana", "ana's own long password")).isEqualTo(200);
    Answer wrong =
        post(
            "/api/v1/me/password",
            json(Map.of("currentPassword", "not it at all", "newPassword", "whatever long enough")),
            token);
    assertThat(wrong.status()).isEqualTo(401);
    valid("Error", wrong.body());

    Answer client =
        post(
            "/api/v1/accounts",
            "{\"name\":\"oem-cloud\",\"role\":\"UTILITY_PARTNER\",\"machine\":true}",
            tokenOf.get(Role.OPERATOR_ADMIN));
    assertThat(client.status()).isEqualTo(201);
    assertThat(client.body().path("clientSecret").asText()).isNotEmpty();
    Answer list = ok("/api/v1/accounts", Role.OPERATOR_ADMIN, "AccountPage");
    assertThat(list.body().toString()).contains("\"ana\"", "\"oem-cloud\"").doesNotContain("hash");
    assertThat(audit.entries())
        .anyMatch(e -> e.action().equals("account.create") && e.target().startsWith("ana "))
        .anyMatch(e -> e.action().equals("account.password") && e.outcome().equals("done"));

    // refused: a taken name, a participant without a customer, an unknown role, other roles
    String admin = tokenOf.get(Role.OPERATOR_ADMIN);
    assertThat(
            post("/api/v1/accounts", json(Map.of("name", "ana", "role", "OPERATOR_VIEWER")), admin)
                .status())
        .isEqualTo(409);
    assertThat(
            post("/api/v1/accounts", json(Map.of("name", "bo", "role", "PARTICIPANT")), admin)
                .status())
        .isEqualTo(400);
    Answer role = post("/api/v1/accounts", json(Map.of("name", "bo", "role", "KING")), admin);
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.body().path("message").asText()).contains("OPERATOR_ADMIN");
    assertThat(
            post(
                    "/api/v1/accounts",
                    json(Map.of("name", "bo", "role", "PARTICIPANT", "customer", "customer-999")),
                    admin)
                .status())
        .isEqualTo(400);
    for (Role r : List.of(Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER, Role.PARTICIPANT)) {
      assertThat(get("/api/v1/accounts", r).status()).as("list as %s", r).isEqualTo(403);
      assertThat(
              post(
                      "/api/v1/accounts",
                      json(
                          Map.of(
                              "name",
                              "x-" + r.name().toLowerCase(java.util.Locale.ROOT),
                              "role",
                              "OPERATOR_VIEWER")),
                      tokenOf.get(r))
                  .status())
          .as("make as %s", r)
          .isEqualTo(403);
    }
    Answer machine =
        post(
            "/api/v1/me/password",
            json(Map.of("currentPassword", "a", "newPassword", "bbbbbbbbbbbbbbbb")),
            tokenOf.get(Role.UTILITY_PARTNER));
    assertThat(machine.status()).isEqualTo(403);
  }

  @Test
  void anAccountRemovedByAnOperatorAdminEndsItsSessionsAtOnce() {
    String admin = tokenOf.get(Role.OPERATOR_ADMIN);
    Answer made =
        post("/api/v1/accounts", json(Map.of("name", "temp", "role", "OPERATOR_VIEWER")), admin);
    assertThat(made.status()).isEqualTo(201);
    String temp = login("temp", made.body().path("password").asText());
    assertThat(get("/api/v1/me", temp).status()).isEqualTo(200);
    assertThat(delete("/api/v1/accounts/temp", tokenOf.get(Role.OPERATOR_VIEWER)).status())
        .isEqualTo(403);
    assertThat(delete("/api/v1/accounts/temp", admin).status()).isEqualTo(204);
    Answer after = get("/api/v1/me", temp);
    assertThat(after.status()).isEqualTo(401);
    valid("Error", after.body());
    assertThat(after.body().path("message").asText()).contains("no longer exists");
    assertThat(delete("/api/v1/accounts/temp", admin).status()).isEqualTo(404);
    Answer own = delete("/api/v1/accounts/admin", admin);
    assertThat(own.status()).isEqualTo(409);
    valid("Error", own.body());
    assertThat(audit.entries())
        .anyMatch(e -> e.action().equals("account.remove") && e.outcome().equals("done"));
  }

  private static String login(String user, String password) {
    Answer a = post("/api/v1/auth/login", json(Map.of("username", user, "password", password)), "");
    assertThat(a.status()).as(user).isEqualTo(200);
    return a.body().path("token").asText();
  }

  private static int loginStatus(String user, String password) {
    return post("/api/v1/auth/login", json(Map.of("username", user, "password", password)), "")
        .status();
  }

  @Test
  void anOperatorRevokedAConsentWhileTheRunWentAndItsSiteLeftTheVpp() {
    assertThat(revocation.status()).as(revocation.body().toString()).isEqualTo(201);
    assertThat(revocation.body().path("consentId").asText()).isEqualTo(otherConsent);
    FleetView end = last();
    assertThat(end.consents())
        .filteredOn(c -> c.id().equals(otherConsent))
        .singleElement()
        .satisfies(c -> assertThat(c.revokedAt()).isPresent());
    assertThat(audit.entries())
        .anyMatch(
            e ->
                e.action().equals("consent.revoke")
                    && e.target().equals(otherConsent)
                    && e.outcome().equals("done"));
  }

  @Test
  void consentsAndEnrolmentsAreChangedOnlyByTheirOwnerOrAnOperatorAdmin() {
    FleetView v = last();
    String mineConsent =
        v.consents().stream()
            .filter(c -> c.customerId().equals(customer))
            .findFirst()
            .orElseThrow()
            .id();
    String mineEnrolment =
        v.enrolments().stream()
            .filter(e -> e.customerId().equals(customer))
            .findFirst()
            .orElseThrow()
            .id();
    String othersEnrolment =
        v.enrolments().stream()
            .filter(e -> !e.customerId().equals(customer))
            .findFirst()
            .orElseThrow()
            .id();
    String participant = tokenOf.get(Role.PARTICIPANT);
    // another's is not there for a participant; the viewer and the partner may not change any
    assertThat(
            post("/api/v1/consents/" + enc(otherConsent) + "/revocation", "{}", participant)
                .status())
        .isEqualTo(404);
    assertThat(
            post("/api/v1/enrolments/" + enc(othersEnrolment) + "/withdrawal", "{}", participant)
                .status())
        .isEqualTo(404);
    for (Role r : List.of(Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER)) {
      Answer a =
          post("/api/v1/enrolments/" + enc(mineEnrolment) + "/withdrawal", "{}", tokenOf.get(r));
      assertThat(a.status()).as("%s", r).isEqualTo(403);
      valid("Error", a.body());
    }
    assertThat(
            post("/api/v1/consents/nope/revocation", "{}", tokenOf.get(Role.OPERATOR_ADMIN))
                .status())
        .isEqualTo(404);
    // their own reaches the run, which has ended: refused with why
    Answer late = post("/api/v1/consents/" + enc(mineConsent) + "/revocation", "{}", participant);
    assertThat(late.status()).isEqualTo(409);
    valid("Error", late.body());
    assertThat(late.body().path("message").asText()).contains("the run is over");
    Answer lateWithdrawal =
        post("/api/v1/enrolments/" + enc(mineEnrolment) + "/withdrawal", "{}", participant);
    assertThat(lateWithdrawal.status()).isEqualTo(409);
  }
}
