package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.service.testing.TestEdge;

/**
 * The face as a whole: the document and the routes agree, health, metrics, status, the fleet's
 * views before and after the service's first step, the audit log in the service's time, the pages
 * and the files they load, and what no route takes.
 */
class FaceApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static World world;
  static World.Answer fleetBeforeFirstStep;
  static World.Answer healthBeforeFirstStep;

  @BeforeAll
  static void start() {
    world = new World(START);
    fleetBeforeFirstStep = world.get("/api/v1/fleet", world.viewer);
    healthBeforeFirstStep = world.get("/health", "");
    world.post("/api/v1/programs", World.json(TestBodies.byo("byo", START)), world.admin);
    world.edge.home("m-1", 1.0);
    world.edge.born("m-1", TestEdge.battery("b-1", 13.5, 5), 8);
    world.run(Duration.ofMinutes(16));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  /**
   * A request Jetty refuses before any route sees it (a path with control characters; found by
   * {@code ApiFuzzTest}) is answered in the API's error shape, as JSON, not Jetty's HTML page.
   */
  @Test
  void aRequestRefusedBeforeAnyRouteIsAnsweredAsJson() {
    World.Answer a = world.unchecked("GET", "/api/v1/programs/%01%00x", world.admin);

    assertThat(a.status()).as(a.toString()).isEqualTo(400);
    assertThat(a.type()).startsWith("application/json");
    assertThat(a.code()).isEqualTo("bad_request");
    assertThat(a.body().path("message").asText()).startsWith("the request was refused: ");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
    Set<String> served = new TreeSet<>();
    for (Routes.Declared d : world.face.declared()) {
      served.add(d.method() + " " + d.path().replace("<id>", "{id}"));
    }
    served.add("GET /health");
    served.add("GET /metrics");
    Set<String> documented = new TreeSet<>();
    JsonNode paths = world.api.document.path("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String p = it.next();
      for (Iterator<String> m = paths.path(p).fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (!method.equals("parameters")) {
          documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p);
        }
      }
    }
    assertThat(documented).isEqualTo(served);
    assertThat(world.api.document.path("openapi").asText()).startsWith("3.1");
  }

  @Test
  void eachOperationNamesTheRolesItsRouteAdmits() {
    for (Routes.Declared d : world.face.declared()) {
      JsonNode op =
          world
              .api
              .document
              .path("paths")
              .path(d.path().replace("<id>", "{id}"))
              .path(d.method().toLowerCase(java.util.Locale.ROOT));
      Set<String> documented = new TreeSet<>();
      op.path("x-roles").forEach(r -> documented.add(r.asText()));
      Set<String> admitted = new TreeSet<>();
      d.roles().forEach(r -> admitted.add(r.name()));
      assertThat(documented).as("%s %s", d.method(), d.path()).isEqualTo(admitted);
    }
  }

  @Test
  void theChecksCatchAnAnswerTheDocumentDoesNotAllow() throws Exception {
    JsonNode wrong = World.JSON.readTree("{\"subject\": \"x\", \"role\": \"KING\"}");
    assertThatThrownBy(() -> world.api.check("GET", "/api/v1/me", 200, Optional.of(wrong)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> world.api.check("GET", "/api/v1/nowhere", 200, Optional.empty()))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void beforeTheFirstStepTheViewsAreNotReadyAndHealthSaysStarting() {
    assertThat(fleetBeforeFirstStep.status()).isEqualTo(503);
    assertThat(fleetBeforeFirstStep.code()).isEqualTo("not_ready");
    assertThat(healthBeforeFirstStep.status()).isEqualTo(200);
    assertThat(healthBeforeFirstStep.body().path("status").asText()).isEqualTo("starting");
  }

  @Test
  void healthAndMetricsReadTheServicesView() throws Exception {
    World.Answer h = world.get("/health", "");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.body().path("status").asText()).isEqualTo("up");
    world.api.check("GET", "/health", 200, Optional.of(h.body()));
    String metrics = world.get("/metrics", "").text();
    assertThat(metrics)
        .contains("vpp_devices 1.0", "vpp_steps", "vpp_meter_readings{verdict=\"accepted\"}")
        .contains("http_server_requests_seconds");
  }

  @Test
  void theFleetsViewsAnswerFromTheLatestView() throws InterruptedException {
    World.Answer fleet = world.get("/api/v1/fleet", world.partner);
    assertThat(fleet.status()).isEqualTo(200);
    assertThat(fleet.body().path("groups").get(0).path("id").asText()).isEqualTo("fleet");
    assertThat(world.get("/api/v1/groups?parent=fleet", world.viewer).body().path("total").asInt())
        .isPositive();
    assertThat(world.get("/api/v1/groups/fleet", world.viewer).body().path("children").size())
        .isPositive();
    assertThat(world.get("/api/v1/groups/no/such/group", world.viewer).status()).isEqualTo(404);
    assertThat(world.get("/api/v1/dispatch", world.viewer).status()).isEqualTo(200);
    World.Answer flex = world.get("/api/v1/flexibility", world.viewer);
    assertThat(flex.status()).isIn(200, 409);
    assertThat(world.get("/api/v1/prices", world.viewer).body().path("items").size()).isZero();
    // the face samples the service's views every 100 ms, on a thread of its own
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int samples = 0;
    while (samples == 0 && System.nanoTime() < until) {
      samples = world.get("/api/v1/fleet/history", world.viewer).body().path("items").size();
      if (samples == 0) {
        Thread.sleep(50);
      }
    }
    assertThat(samples).as("the fleet's history within 10 s").isPositive();
    String participant = world.signUp("Lu", "lu").body().path("token").asText();
    assertThat(world.get("/api/v1/fleet", participant).status()).isEqualTo(403);
    assertThat(world.get("/api/v1/fleet?x=1", world.viewer).status()).isEqualTo(400);
  }

  @Test
  void statusCountsWhatCrossedTheServicesEdges() {
    World.Answer s = world.get("/api/v1/status", world.viewer);
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.body().path("simulatedClock").asBoolean()).isTrue();
    assertThat(s.body().path("steps").asLong()).isPositive();
    assertThat(s.body().path("readings").path("unknown_meter").asLong()).isPositive();
    assertThat(s.body().path("register").path("programs").asInt()).isEqualTo(1);
  }

  @Test
  void theAuditLogCarriesTheServicesTimeNotTheWallClocks() {
    World.Answer page = world.get("/api/v1/audit?limit=500", world.admin);
    assertThat(page.status()).isEqualTo(200);
    JsonNode first = page.body().path("items").get(0);
    assertThat(first.path("action").asText()).isEqualTo("program.create");
    Instant at = Instant.parse(first.path("at").asText());
    assertThat(at).isEqualTo(START);
    assertThat(world.get("/api/v1/audit", world.viewer).status()).isEqualTo(403);
  }

  @Test
  void thePagesAndWhatTheyLoadAreServedFromTheJarWithTheirTypes() throws Exception {
    Map<String, String> types =
        Map.of(
            "/",
            "text/html",
            "/participant.html",
            "text/html",
            "/login.html",
            "text/html",
            "/pages.js",
            "text/javascript",
            Pages.UPLOT + "uPlot.iife.min.js",
            "text/javascript",
            Pages.UPLOT + "uPlot.min.css",
            "text/css");
    for (Map.Entry<String, String> t : types.entrySet()) {
      HttpResponse<String> r = fetch(t.getKey());
      assertThat(r.statusCode()).as(t.getKey()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(t.getKey())
          .startsWith(t.getValue())
          .contains("charset=utf-8");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(t.getKey())
          .isEqualTo(t.getValue().equals("text/html") ? Optional.of(Pages.CSP) : Optional.empty());
    }
    assertThat(Pages.CSP).doesNotContain("unsafe-eval", "http:", "https:");
    // what the pages load is the app's own, served above
    assertThat(loads("/"))
        .containsExactlyInAnyOrder(
            Pages.UPLOT + "uPlot.min.css", Pages.UPLOT + "uPlot.iife.min.js", "/pages.js");
    assertThat(loads("/participant.html")).containsExactly("/pages.js");
    assertThat(loads("/login.html")).isEmpty();
    // only the files named are served, not the rest of the WebJar
    assertThat(fetch(Pages.UPLOT + "uPlot.esm.js").statusCode()).isEqualTo(404);
  }

  /** The scripts and styles the page at {@code path} loads. */
  static List<String> loads(String path) throws Exception {
    Matcher m =
        Pattern.compile("<(?:script src|link rel=\"stylesheet\" href)=\"([^\"]+)\"")
            .matcher(fetch(path).body());
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static HttpResponse<String> fetch(String path) throws Exception {
    return World.HTTP.send(
        HttpRequest.newBuilder(world.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnknownPathOrMethodIsAJsonError() {
    World.Answer none = world.unchecked("GET", "/api/v1/nowhere", world.admin);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.code()).isEqualTo("not_found");
    World.Answer method = world.unchecked("PATCH", "/api/v1/programs", world.admin);
    assertThat(method.status()).isIn(404, 405);
    assertThat(method.type()).startsWith("application/json");
  }
}
