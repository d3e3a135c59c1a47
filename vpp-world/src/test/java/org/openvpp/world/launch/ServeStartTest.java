package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.server.Launch;
import org.openvpp.server.ServiceSettings;
import org.openvpp.server.platform.PlatformDatabases;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.control.Tuning;

/**
 * How {@code ./vpp serve} starts (its configuration as {@link ServiceSettings}, PostgreSQL, a
 * broker): a start refused for a bad admin password leaves no port taken and no account made, a
 * port in use is named before anything starts, and a served VTN without a clients file invents no
 * credentials.
 */
class ServeStartTest {
  private static final PlatformDatabases DATABASES = new PlatformDatabases();
  private static final String GATEWAY = "gateway-secret";

  @TempDir Path tmp;

  @AfterAll
  static void drop() {
    DATABASES.dropAll();
  }

  @Test
  void aStartRefusedForTheAdminPasswordLeavesNothingBehind() throws Exception {
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    int port = freePort();
    try (EmbeddedBroker broker =
        Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, GATEWAY), 0)) {
      assertThatThrownBy(() -> Launch.start(settings(db, broker, port, "short", Optional.empty())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at least 12 characters (VPP_ADMIN_PASSWORD)");
      // the port is free again, and a start with a good password makes the admin then
      new ServerSocket(port).close();
      try (Launch l =
          Launch.start(settings(db, broker, port, "a-good-password", Optional.empty()))) {
        assertThat(l.accounts().exists("admin")).isTrue();
      }
    }
  }

  @Test
  void aPortInUseIsNamedBeforeAnythingStarts() throws Exception {
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        EmbeddedBroker broker = Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, GATEWAY), 0)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () -> Launch.start(settings(db, broker, port, "a-good-password", Optional.empty())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "port "
                  + port
                  + " (the API) is in use by another program (another OpenVPP?): stop it, or give"
                  + " another port with http.port");
    }
  }

  @Test
  void aServedVtnWithoutAClientsFileHasNoDemoClient() throws Exception {
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    Path none = tmp.resolve("no-clients.json");
    try (EmbeddedBroker broker = Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, GATEWAY), 0);
        Launch l =
            Launch.start(
                settings(
                    db,
                    broker,
                    0,
                    "a-good-password",
                    Optional.of(new ServiceSettings.Partners(0, none, false))))) {
      assertThat(l.partners().orElseThrow().demo()).isEmpty();
    }
  }

  @Test
  void aChargersPasswordMadeByTheCommandLineIsTakenLiveAndKeptAcrossARestart() throws Exception {
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    OcppSettings ocpp =
        new OcppSettings(
            "127.0.0.1",
            0,
            1,
            Optional.empty(),
            "",
            OcppSettings.defaultSchemas(),
            OcppSettings.DEFAULT_VEHICLE);
    try (EmbeddedBroker broker =
        Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, GATEWAY), 0)) {
      Path config = tmp.resolve("vpp.properties");
      java.nio.file.Files.writeString(
          config,
          "database.url = "
              + PlatformDatabases.url(db)
              + "\ndatabase.user = "
              + PlatformDatabases.user()
              + "\nmqtt.broker = "
              + broker.uri()
              + "\nservice.zone = America/Los_Angeles\nocpp.port = 9220\nocpp.schemas = "
              + OcppSettings.defaultSchemas().toAbsolutePath()
              + "\n");
      String password;
      try (Launch l =
          Launch.start(
              settings(db, broker, 0, "a-good-password", Optional.empty()).withOcpp(ocpp))) {
        var chargers = l.ocpp().orElseThrow();
        assertThatThrownBy(() -> upgrade(chargers.port(), "EVSE-7", "0123456789abcdef0123"))
            .rootCause()
            .hasMessageContaining("status code 401");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code =
            WorldMain.run(
                new String[] {
                  "ocpp", "password", "--config", config.toString(), "--charger", "EVSE-7"
                },
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                Map.of());
        assertThat(code).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("\\): ([0-9a-f]{40})")
                .matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        password = m.group(1);
        // the running service takes it at the next connection
        assertThat(upgrade(chargers.port(), "EVSE-7", password)).isEqualTo("ocpp1.6");
      }
      try (Launch l =
          Launch.start(
              settings(db, broker, 0, "a-good-password", Optional.empty()).withOcpp(ocpp))) {
        var chargers = l.ocpp().orElseThrow();
        assertThat(chargers.port()).isPositive();
        assertThat(upgrade(chargers.port(), "EVSE-7", password)).isEqualTo("ocpp1.6");
        assertThatThrownBy(() -> upgrade(chargers.port(), "EVSE-7", "not-its-password-at-all"))
            .rootCause()
            .hasMessageContaining("status code 401");
      }
    }
  }

  /** Opens a WebSocket as {@code identity} under HTTP Basic; returns the subprotocol chosen. */
  private static String upgrade(int port, String identity, String password) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.WebSocket ws =
        http.newWebSocketBuilder()
            .subprotocols("ocpp1.6")
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            (identity + ":" + password)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ocpp/" + identity),
                new java.net.http.WebSocket.Listener() {})
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    String chosen = ws.getSubprotocol();
    ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye")
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    return chosen;
  }

  @Test
  void anOcppPortInUseIsNamedBeforeAnythingStarts() throws Exception {
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        EmbeddedBroker broker = Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, GATEWAY), 0)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  Launch.start(
                      settings(db, broker, 0, "a-good-password", Optional.empty())
                          .withOcpp(OcppSettings.open(port, OcppSettings.defaultSchemas()))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "port " + port + " (the OCPP central system for chargers) is in use")
          .hasMessageContaining("ocpp.port");
    }
  }

  private static ServiceSettings settings(
      String db,
      EmbeddedBroker broker,
      int port,
      String adminPassword,
      Optional<ServiceSettings.Partners> partners) {
    return new ServiceSettings(
        new ServiceSettings.Postgres(PlatformDatabases.url(db), PlatformDatabases.user(), ""),
        URI.create(broker.uri()),
        GATEWAY,
        "vpp-gateway",
        port,
        ZoneId.of("America/Los_Angeles"),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty(),
        List.of(),
        Duration.ofHours(6),
        Tuning.defaults(),
        Duration.ofHours(1),
        Optional.of(new ServiceSettings.Admin("admin", adminPassword)),
        partners);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
