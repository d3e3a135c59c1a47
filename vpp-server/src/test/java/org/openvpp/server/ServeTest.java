package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.server.platform.Platform;
import org.openvpp.server.platform.PlatformDatabases;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;

/**
 * {@code ./vpp serve --config FILE}: the platform on a real PostgreSQL, the fleet and the gateway
 * on a broker it does not start (a broker of the test's own, with passwords), secrets from the
 * environment; a second start finds the first run's records.
 */
class ServeTest {
  private static final PlatformDatabases DATABASES = new PlatformDatabases();
  private static final String ADMIN_PASSWORD = "the admin's long password";

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterAll
  static void drop() {
    DATABASES.dropAll();
  }

  @BeforeEach
  void clear() {
    out.reset();
    err.reset();
  }

  private int serve(Path config, Map<String, String> env) {
    return Main.run(
        new String[] {"serve", "--config", config.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void servesARunOnPostgresqlAndAnExternalBrokerAndKeepsItsRecords() throws IOException {
    String database = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    Map<String, String> brokerUsers =
        Map.of(BrokerAccess.GATEWAY_USER, "gateway-secret-1", "sim", "cloud-secret-1");
    try (EmbeddedBroker broker = EmbeddedBroker.start(brokerUsers)) {
      Path config =
          Files.writeString(
              tmp.resolve("vpp.properties"),
              String.join(
                  "\n",
                  "# a test's server",
                  "database.url = jdbc:postgresql://127.0.0.1:5432/" + database,
                  "database.user = postgres",
                  "mqtt.broker = " + broker.uri(),
                  "http.port = 0",
                  "openadr.port = 0",
                  "openadr.clients = " + tmp.resolve("none.json"),
                  "fleet.scenario = winter-morning-ca",
                  "fleet.homes = 12",
                  "fleet.hours = 10",
                  "fleet.pace = fast",
                  "after.run = exit"));
      Map<String, String> env =
          Map.of(
              "VPP_ADMIN_PASSWORD", ADMIN_PASSWORD,
              "VPP_GATEWAY_PASSWORD", "gateway-secret-1",
              "VPP_SIM_PASSWORD", "cloud-secret-1");
      assertThat(serve(config, env)).as(err()).isZero();
      assertThat(out())
          .contains("records kept in jdbc:postgresql://127.0.0.1:5432/" + database)
          .contains("0 earlier run(s)")
          .contains("operator admin: admin (made now, password from VPP_ADMIN_PASSWORD)")
          .containsPattern("link +MQTT " + java.util.regex.Pattern.quote(broker.uri()))
          .containsPattern("run-1 kept: \\d+ telemetry reports")
          .doesNotContain("demo participant");
      double firstDelivered = number(out(), "delivered +(\\d+\\.\\d) kWh");
      double firstFlex = number(out(), "(?m)^00:00 +(\\d+\\.\\d)");
      out.reset();
      assertThat(
              serve(
                  config,
                  Map.of(
                      "VPP_GATEWAY_PASSWORD",
                      "gateway-secret-1",
                      "VPP_SIM_PASSWORD",
                      "cloud-secret-1")))
          .as(err())
          .isZero();
      assertThat(out())
          .contains("1 earlier run(s)")
          .contains("operator admin: admin (its password as first set)");
      // The same day on the same broker again: the first run's retained births there must not let
      // the second begin before its own fleet has reported (it found no battery at its first step
      // when they did). It is not the same run to the watt: the retained births register the
      // devices in the broker's order, not the fleet's, and the loop's order of devices follows.
      assertThat(number(out(), "(?m)^00:00 +(\\d+\\.\\d)"))
          .as("the flexibility at the first step")
          .isEqualTo(firstFlex);
      assertThat(number(out(), "delivered +(\\d+\\.\\d) kWh"))
          .isCloseTo(firstDelivered, org.assertj.core.data.Percentage.withPercentage(3));
    }
    try (Platform platform =
        Platform.open(
            PlatformDatabases.open(PlatformDatabases.Backend.POSTGRESQL, database),
            java.time.InstantSource.system())) {
      assertThat(platform.runs().runs()).extracting(r -> r.state()).containsOnly("finished");
      assertThat(platform.runs().runs()).hasSize(2);
      assertThat(platform.accounts().login("admin", ADMIN_PASSWORD))
          .get()
          .extracting(Principal::role)
          .isEqualTo(Role.OPERATOR_ADMIN);
      assertThat(platform.ledger().total().isZero()).isTrue();
    }
  }

  @Test
  void aConfigFileIsCheckedKeyByKey() throws IOException {
    Path missing = tmp.resolve("nothing.properties");
    assertThat(serve(missing, Map.of())).isEqualTo(2);
    assertThat(err()).contains("no config file " + missing);

    clear();
    Path typo =
        Files.writeString(
            tmp.resolve("typo.properties"),
            "database.url = jdbc:postgresql://127.0.0.1:5432/x\nmqtt.brokr = tcp://h:1\n");
    assertThat(serve(typo, Map.of())).isEqualTo(2);
    assertThat(err()).contains("unknown key(s) [mqtt.brokr]").contains("mqtt.broker");

    clear();
    Path noBroker =
        Files.writeString(
            tmp.resolve("nobroker.properties"), "database.url = jdbc:postgresql://127.0.0.1/x\n");
    assertThat(serve(noBroker, Map.of())).isEqualTo(2);
    assertThat(err()).contains("has no mqtt.broker; add a line like: mqtt.broker = tcp://");

    clear();
    Path h2 =
        Files.writeString(
            tmp.resolve("h2.properties"),
            "database.url = jdbc:h2:file:/tmp/x\nmqtt.broker = tcp://127.0.0.1:1883\n");
    assertThat(serve(h2, Map.of())).isEqualTo(2);
    assertThat(err()).contains("database.url must be a PostgreSQL JDBC URL");

    clear();
    Path badHomes =
        Files.writeString(
            tmp.resolve("homes.properties"),
            """
            database.url = jdbc:postgresql://127.0.0.1:5432/x
            mqtt.broker = tcp://127.0.0.1:1883
            fleet.homes = lots
            """);
    assertThat(serve(badHomes, Map.of())).isEqualTo(2);
    assertThat(err()).contains("--homes");

    clear();
    assertThat(
            Main.run(
                new String[] {"serve"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()))
        .isEqualTo(2);
    assertThat(err()).contains("--config FILE is required");
  }

  @Test
  void anUnreachableDatabaseAndAMissingAdminPasswordAreClearErrors() throws IOException {
    Path unreachable =
        Files.writeString(
            tmp.resolve("down.properties"),
            "database.url = jdbc:postgresql://127.0.0.1:1/openvpp\n"
                + "mqtt.broker = tcp://127.0.0.1:1883\nopenadr.port = 0\nopenadr.clients = "
                + tmp.resolve("none.json")
                + "\n");
    assertThat(serve(unreachable, Map.of())).isEqualTo(1);
    assertThat(err()).contains("jdbc:postgresql://127.0.0.1:1/openvpp");

    clear();
    String database = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    Path fresh =
        Files.writeString(
            tmp.resolve("fresh.properties"),
            "database.url = jdbc:postgresql://127.0.0.1:5432/"
                + database
                + "\ndatabase.user = postgres\nmqtt.broker = tcp://127.0.0.1:1\n"
                + "http.port = 0\nopenadr.port = 0\nopenadr.clients = "
                + tmp.resolve("none.json")
                + "\nfleet.scenario = winter-morning-ca\nfleet.homes = 2\nfleet.hours = 10\n");
    assertThat(serve(fresh, Map.of())).isEqualTo(1);
    assertThat(err()).contains("set VPP_ADMIN_PASSWORD");
    assertThat(Optional.of(out())).isPresent();
  }

  private static double number(String printed, String pattern) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(printed);
    assertThat(m.find()).as(pattern + " in " + printed).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
