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

  @BeforeEach
  void start() {
    dashboard = Dashboard.start(0, java.time.ZoneId.of("America/Los_Angeles"));
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
            HttpRequest.newBuilder(uri("/api/fleet/samples")).build(),
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
}
