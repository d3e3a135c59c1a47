package org.openvpp.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.web.Dashboard;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/**
 * The API over real HTTP, against the views of a real run: every response checked against the
 * OpenAPI document the server serves, every refusal with its code and a message.
 */
class ApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String IRI = "https://openvpp.org/api/openapi.json";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<FleetView> views = new ArrayList<>();
  static Api api;
  static Dashboard dashboard;
  static SchemaRegistry registry;
  static JsonNode document;

  @BeforeAll
  static void runAndServe() throws IOException {
    Scenario s = ScenarioFile.load("winter-morning-ca").withHomes(12).withHours(10).withSeed(3);
    new FleetRun(s, SimData.load())
        .run(
            SimulationClock.stepped(s.start().toInstant(), s.zone()), x -> {}, e -> {}, views::add);
    api = new Api();
    api.publish(views.get(views.size() - 1));
    dashboard = Dashboard.start(0, s.zone(), api);
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      document = JSON.readTree(text);
      registry =
          SchemaRegistry.withDefaultDialect(
              Dialects.getDraft202012(), b -> b.schemas(Map.of(IRI, text)));
    }
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  record Answer(int status, JsonNode body) {}

  static Answer get(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  static void valid(String schema, JsonNode body) {
    Schema s = registry.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + schema));
    assertThat(s.validate(body)).as("%s against %s", body, schema).isEmpty();
  }

  static Answer ok(String path, String schema) throws Exception {
    Answer a = get(path);
    assertThat(a.status()).as("%s: %s", path, a.body()).isEqualTo(200);
    valid(schema, a.body());
    return a;
  }

  @Test
  void theRunPublishesViewsThroughTheDay() {
    // start, every 15 minutes, the announcement, the end
    assertThat(views).hasSizeGreaterThanOrEqualTo(10 * 4);
    assertThat(views.get(0).devices()).isNotEmpty();
  }

  @Test
  void theFleetShowsEveryGroupWithItsTotals() throws Exception {
    Answer a = ok("/api/v1/fleet", "Fleet");
    assertThat(a.body().path("groups").get(0).path("id").asText()).isEqualTo("fleet");
    assertThat(a.body().path("groups").get(0).path("devices").asInt()).isPositive();
  }

  @Test
  void devicesArePagedAndFiltered() throws Exception {
    Answer all = ok("/api/v1/devices", "DevicePage");
    int total = all.body().path("total").asInt();
    assertThat(total).isEqualTo(views.get(views.size() - 1).devices().size());
    Answer page = ok("/api/v1/devices?kind=battery&online=true&offset=2&limit=3", "DevicePage");
    assertThat(page.body().path("items").size()).isLessThanOrEqualTo(3);
    for (JsonNode d : page.body().path("items")) {
      assertThat(d.path("kind").asText()).isEqualTo("BATTERY");
      assertThat(d.path("online").asBoolean()).isTrue();
    }
    String id = all.body().path("items").get(0).path("id").asText();
    Answer one = ok("/api/v1/devices/" + id, "Device");
    assertThat(one.body().path("id").asText()).isEqualTo(id);
    Answer past = ok("/api/v1/devices?offset=" + (total + 5), "DevicePage");
    assertThat(past.body().path("items").size()).isZero();
  }

  @Test
  void programsAndTheirEventsAreListed() throws Exception {
    Answer programs = ok("/api/v1/programs", "Programs");
    List<String> ids = new ArrayList<>();
    programs.body().path("items").forEach(p -> ids.add(p.path("id").asText()));
    assertThat(ids).containsExactly("byo-battery", "managed-ev", "smart-thermostat");
    Answer events = ok("/api/v1/events", "EventPage");
    assertThat(events.body().path("total").asInt()).isEqualTo(3);
    Answer done = ok("/api/v1/events?state=completed&program=byo-battery", "EventPage");
    assertThat(done.body().path("total").asInt()).isEqualTo(1);
    String id = done.body().path("items").get(0).path("id").asText();
    Answer one =
        ok("/api/v1/events/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8), "Event");
    assertThat(one.body().path("state").asText()).isEqualTo("COMPLETED");
    assertThat(one.body().path("participants").asInt()).isPositive();
  }

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
    "/api/v1/events/no-such-event, 404, not_found, no event 'no-such-event'"
  })
  void badRequestsAreRefusedWithACodeAndAMessageThatSaysWhatToFix(
      String path, int status, String code, String message) throws Exception {
    Answer a = get(path);
    assertThat(a.status()).isEqualTo(status);
    valid("Error", a.body());
    assertThat(a.body().path("code").asText()).isEqualTo(code);
    assertThat(a.body().path("message").asText()).contains(message);
  }

  @Test
  void beforeTheFirstViewTheApiSaysItIsNotReady() throws Exception {
    try (Dashboard empty = Dashboard.start(0, java.time.ZoneOffset.UTC, new Api())) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + empty.port() + "/api/v1/fleet"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(r.body());
      valid("Error", body);
      assertThat(body.path("code").asText()).isEqualTo("not_ready");
    }
  }

  @Test
  void theOpenApiDocumentIsServedAndEveryPathInItAnswers() throws Exception {
    Answer doc = get("/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).isEqualTo(document);
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next().replace("{id}", "x");
      int status = get(path).status();
      assertThat(status).as(path).isIn(200, 404);
      if (!path.endsWith("/x")) {
        assertThat(status).as(path).isEqualTo(200);
      }
    }
  }
}
