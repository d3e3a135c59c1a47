package org.openvpp.openadr.ven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The VEN in OpenADR 3.0.1 mode against a stand-in 3.0.1 VTN (the JDK's HTTP server answering as
 * the 3.0.1 definition says), every request and every answer checked against the 3.0.1 definition
 * (shipped in the test resources, Apache 2.0, OpenADR Alliance: see the LICENSE and NOTICE beside
 * the 3.1.1 definition in the main resources).
 */
class Vtn301Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IRI = "https://openvpp.org/openadr/openadr3-3.0.1.json";
  private static final JsonNode DOC;
  private static final SchemaRegistry REGISTRY;

  static {
    try (InputStream in = Vtn301Test.class.getResourceAsStream("openadr3-3.0.1.yaml")) {
      DOC = new ObjectMapper(new YAMLFactory()).readTree(in);
      String text = JSON.writeValueAsString(DOC);
      REGISTRY =
          SchemaRegistry.withDefaultDialect(
              Dialects.getOpenApi30(), b -> b.schemas(Map.of(IRI, text)));
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final AtomicReference<JsonNode> report = new AtomicReference<>();
  private final HttpServer server;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private Instant now = Instant.parse("2026-07-01T12:00:00Z");

  Vtn301Test() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/openadr3/3.0.1", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    scheduler.shutdownNow();
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }

  private void check(String pointer, JsonNode body, String what) {
    if (DOC.at(pointer).isMissingNode()) {
      errors.add("no schema at " + pointer + " for " + what);
      return;
    }
    REGISTRY
        .getSchema(SchemaLocation.of(IRI + "#" + pointer))
        .validate(body)
        .forEach(e -> errors.add(what + ": " + e));
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath().substring("/openadr3/3.0.1".length());
    String method = x.getRequestMethod();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String template = path.replaceFirst("^/vens/[^/]+", "/vens/{venID}");
    String op = "/paths/" + escape(template) + "/" + method.toLowerCase(java.util.Locale.ROOT);
    if (!body.isEmpty() && !template.equals("/auth/token")) {
      check(
          op + "/requestBody/content/application~1json/schema",
          JSON.readTree(body),
          method + " " + template);
    }
    int status = 200;
    String answer =
        switch (method + " " + template) {
          case "POST /auth/token" ->
              "{\"access_token\":\"t-301\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
          case "GET /vens" -> "[]";
          case "POST /vens" -> {
            status = 201;
            yield "{\"id\":\"ven-1\",\"objectType\":\"VEN\",\"venName\":\"openvpp\","
                + "\"createdDateTime\":\"2026-07-01T12:00:00Z\",\"modificationDateTime\":\"2026-07-01T12:00:00Z\"}";
          }
          case "GET /vens/{venID}/resources" -> "[]";
          case "POST /vens/{venID}/resources" -> {
            status = 201;
            yield "{\"id\":\"res-1\",\"objectType\":\"RESOURCE\",\"resourceName\":\"fleet\",\"venID\":\"ven-1\"}";
          }
          case "GET /vens/{venID}" ->
              "{\"id\":\"ven-1\",\"objectType\":\"VEN\",\"venName\":\"openvpp\","
                  + "\"targets\":[{\"type\":\"GROUP\",\"values\":[\"group:north\"]}]}";
          case "GET /programs" ->
              "[{\"id\":\"p-1\",\"objectType\":\"PROGRAM\",\"programName\":\"residential-peak\","
                  + "\"createdDateTime\":\"2026-07-01T10:00:00Z\",\"modificationDateTime\":\"2026-07-01T10:00:00Z\"}]";
          case "GET /events" ->
              """
              [{"id":"e-1","objectType":"EVENT","programID":"p-1","eventName":"peak",
                "createdDateTime":"2026-07-01T11:00:00Z","modificationDateTime":"2026-07-01T11:00:00Z",
                "targets":[{"type":"GROUP","values":["group:north"]}],
                "reportDescriptors":[{"payloadType":"USAGE","readingType":"DIRECT_READ","units":"KWH"}],
                "payloadDescriptors":[{"payloadType":"SIMPLE"}],
                "intervalPeriod":{"start":"2026-07-01T17:00:00Z","duration":"PT2H"},
                "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[2]}]}]}]
              """;
          case "POST /reports" -> {
            report.set(JSON.readTree(body));
            status = 201;
            yield body.replaceFirst("\\{", "{\"id\":\"r-1\",\"objectType\":\"REPORT\",");
          }
          default -> {
            status = 404;
            yield "{\"title\":\"not found\",\"status\":404}";
          }
        };
    if (status < 300) {
      String responseOp = op + "/responses/" + status;
      if (!DOC.at(responseOp + "/content").isMissingNode()) {
        check(
            responseOp + "/content/application~1json/schema",
            JSON.readTree(answer),
            "answer of " + method + " " + template);
      }
    } else {
      errors.add("unexpected request " + method + " " + path);
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void followsAnEventAndReportsInTheShapesOf301() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openadr3/3.0.1");
    List<OpenAdrEvent> seen = new CopyOnWriteArrayList<>();
    Ven ven =
        Ven.create(
            VenConfig.of(base, "ven-client", "secret", "openvpp", List.of("residential-peak"))
                .withVersion(OpenAdrVersion.V3_0_1),
            HttpClient.newHttpClient(),
            () -> now,
            scheduler,
            (change, e) -> seen.add(e),
            (event, request, interval) -> OptionalDouble.of(4.2),
            x -> {});
    assertThat(ven.pollNow().ok()).isTrue();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).targets()).containsExactly("group:north");
    assertThat(seen.get(0).toGridEvent(now).orElseThrow().target().value()).isEqualTo("north");
    now = now.plus(Duration.ofHours(8));
    assertThat(ven.pollNow().ok()).isTrue();
    assertThat(ven.reportsPosted()).isEqualTo(1);
    assertThat(report.get().path("programID").asText()).isEqualTo("p-1");
    assertThat(errors).isEmpty();
    ven.close();
  }

  @Test
  void theStandInFindsWhatThe301DefinitionRefuses() throws IOException {
    // A 3.1 report (no programID) and a 3.1 ven request are not 3.0.1 bodies.
    check(
        "/paths/~1reports/post/requestBody/content/application~1json/schema",
        JSON.readTree("{\"eventID\":\"e-1\",\"clientName\":\"openvpp\",\"resources\":[]}"),
        "3.1 report");
    check(
        "/paths/~1vens/post/requestBody/content/application~1json/schema",
        JSON.readTree("{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\"openvpp\"}"),
        "3.1 ven");
    assertThat(errors).hasSize(2);
  }
}
