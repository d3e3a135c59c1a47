package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.api.Api;
import org.openvpp.server.api.ApiInbox;
import org.openvpp.server.platform.Platform;
import org.openvpp.server.security.Role;
import org.openvpp.server.web.Dashboard;

/**
 * Stopping and starting again loses nothing: after a run of {@code ./vpp up} on a data folder, a
 * server opened anew on the same folder serves what the run settled, its statements to their own
 * participants, and sessions signed before the restart.
 */
class RestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "a long enough password";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void aServerOpenedAgainOnTheDataServesWhatTheRunSettled() throws Exception {
    Path data = tmp.resolve("data");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {
              "up",
              "--headless",
              "--in-memory",
              "--scenario",
              "winter-morning-ca",
              "--homes",
              "12",
              "--hours",
              "10",
              "--data",
              data.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();

    String customer;
    String other;
    String session;
    try (Platform platform = Platform.embedded(data);
        Dashboard server = serve(platform)) {
      var statements = platform.runs().documents("run-1", "statement");
      assertThat(statements).hasSizeGreaterThan(1);
      customer = statements.get(0).key();
      other = statements.get(1).key();
      platform.accounts().addUser("op", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
      platform.accounts().addUser("me", PASSWORD, Role.PARTICIPANT, Optional.of(customer));
      session = login(server, "op");

      JsonNode runs = get(server, session, "/api/v1/runs", 200);
      assertThat(runs.get("total").asInt()).isEqualTo(1);
      assertThat(runs.at("/items/0/id").asText()).isEqualTo("run-1");
      assertThat(runs.at("/items/0/state").asText()).isEqualTo("finished");
      assertThat(runs.at("/items/0/summary").asText()).contains("kWh delivered");
      valid("RunPage", runs);

      JsonNode settlement = get(server, session, "/api/v1/settlement", 200);
      assertThat(settlement.get("runId").asText()).isEqualTo("run-1");
      assertThat(settlement.get("ledgerTotalUsd").asText()).isEqualTo("0.00");
      valid("Settlement", settlement);
      valid("Run", get(server, session, "/api/v1/runs/run-1", 200));
      valid("StatementPage", get(server, session, "/api/v1/statements", 200));
      assertThat(get(server, session, "/api/v1/runs/run-1", 200).at("/settlement/eventId").asText())
          .isEqualTo(settlement.get("eventId").asText());
      assertThat(get(server, session, "/api/v1/statements", 200).get("total").asInt())
          .isEqualTo(statements.size());
      get(server, session, "/api/v1/runs/run-9", 404);
    }

    // Restarted: the operator's session from before still works; the participant sees only theirs.
    try (Platform platform = Platform.embedded(data);
        Dashboard server = serve(platform)) {
      assertThat(get(server, session, "/api/v1/me", 200).get("subject").asText()).isEqualTo("op");
      String mine = login(server, "me");
      JsonNode statement = get(server, mine, "/api/v1/statements/" + customer, 200);
      assertThat(statement.get("customerId").asText()).isEqualTo(customer);
      assertThat(statement.get("runId").asText()).isEqualTo("run-1");
      valid("Statement", statement);
      get(server, mine, "/api/v1/statements/" + other, 404);
      get(server, mine, "/api/v1/runs", 403);
    }
  }

  private static Dashboard serve(Platform platform) {
    Api api =
        new Api(
            platform.accounts(),
            platform.tokens(),
            platform.audit(),
            new ApiInbox(platform.preferences()),
            InstantSource.system(),
            platform.runs());
    return Dashboard.start(0, ZoneId.of("America/Los_Angeles"), api);
  }

  private String login(Dashboard server, String user) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url(server, "/api/v1/auth/login"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  /** {@code body} is a valid {@code schema} of the API's OpenAPI document. */
  private static void valid(String schema, JsonNode body) throws java.io.IOException {
    String iri = "https://openvpp.org/api/openapi.json";
    String text;
    try (var in = Api.class.getResourceAsStream("openapi.json")) {
      text =
          new String(java.util.Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    var registry =
        com.networknt.schema.SchemaRegistry.withDefaultDialect(
            com.networknt.schema.dialect.Dialects.getDraft202012(),
            b -> b.schemas(java.util.Map.of(iri, text)));
    var s =
        registry.getSchema(
            com.networknt.schema.SchemaLocation.of(iri + "#/components/schemas/" + schema));
    assertThat(s.validate(body)).as("%s against %s", body, schema).isEmpty();
  }

  private JsonNode get(Dashboard server, String token, String path, int status) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url(server, path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static URI url(Dashboard server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
