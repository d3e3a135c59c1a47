package org.openvpp.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.server.run.MinuteSample;

/** The dashboard served for real on a free port, spoken to over HTTP. */
class DashboardTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Dashboard dashboard;
  private String token;
  private String participantToken;

  @BeforeEach
  void start() {
    var accounts = new org.openvpp.server.security.Accounts();
    var tokens = new org.openvpp.server.security.Tokens();
    var viewer =
        accounts.addUser(
            "viewer",
            "a long test password",
            org.openvpp.server.security.Role.OPERATOR_VIEWER,
            java.util.Optional.empty());
    token = tokens.issue(viewer, Instant.now(), Duration.ofHours(1));
    participantToken =
        tokens.issue(
            accounts.addUser(
                "alice",
                "another long test password",
                org.openvpp.server.security.Role.PARTICIPANT,
                java.util.Optional.of("customer-1")),
            Instant.now(),
            Duration.ofHours(1));
    dashboard =
        Dashboard.start(
            0,
            java.time.ZoneId.of("America/Los_Angeles"),
            new org.openvpp.server.api.Api(
                accounts,
                tokens,
                new org.openvpp.server.security.AuditLog(),
                new org.openvpp.server.api.ApiInbox(),
                java.time.InstantSource.system()));
  }

  @AfterEach
  void stop() {
    dashboard.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + dashboard.port() + path);
  }

  private static MinuteSample sample(int minute) {
    return new MinuteSample(
        Instant.parse("2019-08-16T00:00:00Z").plusSeconds(60L * minute),
        450,
        -400,
        -400,
        900,
        50,
        440,
        true);
  }

  @Test
  void servesThePage() throws Exception {
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("text/html"));
    assertThat(page.body()).contains("OpenVPP").contains("/api/fleet/stream");
  }

  @Test
  void servesTheSamplesSoFarAsJson() throws Exception {
    dashboard.publish(sample(1));
    dashboard.publish(sample(2));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/fleet/samples"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith("[{")
        .contains("\"netLoadKw\":50.000")
        .contains("\"deliveredKw\":390.000")
        .contains("\"inEvent\":true")
        .contains("2019-08-16T00:02:00Z")
        .contains("\"local\":\"2019-08-15T17:02\"");
  }

  @Test
  void streamsEachNewSampleToAConnectedBrowser() throws Exception {
    HttpResponse<InputStream> stream =
        http.send(
            // As a browser's EventSource asks for it.
            HttpRequest.newBuilder(uri("/api/fleet/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      // The browser counts as connected once the server has registered it; then publish.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (dashboard.connectedClients() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(dashboard.connectedClients()).isEqualTo(1);
      dashboard.publish(sample(7));
      String line;
      String event = "";
      String data = "";
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data = line.substring(5).trim();
          break;
        }
      }
      assertThat(event).isEqualTo("sample");
      assertThat(data).contains("\"batteryKw\":-400.000");
    }
  }

  @Test
  void healthSaysUp() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("{\"status\":\"up\"}");
  }

  @Test
  void theFleetsPowerIsForOperatorsAndPartnersOnly() throws Exception {
    for (String path : new String[] {"/api/fleet/samples", "/api/fleet/stream"}) {
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.body()).contains("unauthenticated");
      HttpResponse<String> participant =
          http.send(
              HttpRequest.newBuilder(uri(path))
                  .header("Authorization", "Bearer " + participantToken)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(participant.statusCode()).as(path).isEqualTo(403);
    }
    for (String page : new String[] {"/login.html", "/participant.html"}) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri(page)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).contains("OpenVPP");
    }
  }

  @Test
  void prometheusMetricsAndHealthAreServed() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"starting\"");
    dashboard
        .metrics()
        .observe(org.openvpp.server.api.FleetView.empty(Instant.parse("2019-08-16T00:00:00Z")));
    health =
        http.send(
            HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.body()).contains("\"status\":\"up\"");
    http.send(
        HttpRequest.newBuilder(uri("/api/v1/fleet")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("vpp_devices ")
        .contains("vpp_events{state=\"active\"}")
        .contains("vpp_view_age_seconds")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/fleet\",status=\"401\"}");
  }
}
