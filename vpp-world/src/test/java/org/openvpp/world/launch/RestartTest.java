package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.server.platform.PlatformDatabases;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.World;
import org.openvpp.world.WorldConfig;
import org.openvpp.world.api.ServiceApi;
import org.openvpp.world.customers.Home;

/**
 * {@code kill -9} of the service in the middle of an event: the service runs as {@code ./vpp serve}
 * in a process of its own (PostgreSQL, the test's broker, the world's clock), the world in this
 * one. The service is killed an hour into the season's first event and started again on the same
 * database; the world, waiting for its tick to be answered, goes on once it is. The event completes
 * and is measured, the register and the books are whole, and every meter reading the world sent is
 * in the service's history: those sent while it was down waited in its persistent session on the
 * broker.
 */
class RestartTest {
  private static final PlatformDatabases DATABASES = new PlatformDatabases();
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final String ADMIN_PASSWORD = "a long admin password";

  @TempDir Path tmp;

  @AfterAll
  static void drop() {
    DATABASES.dropAll();
  }

  @Test
  void theServiceKilledMidEventComesBackAndTheEventGoesOn() throws Exception {
    Scenario s = ScenarioFile.load("summer-season-ca").withHomes(8);
    String db = DATABASES.fresh(PlatformDatabases.Backend.POSTGRESQL, tmp);
    String gateway = "gateway-secret";
    String cloud = "cloud-secret";
    try (EmbeddedBroker broker =
            Beside.startBroker(Map.of(BrokerAccess.GATEWAY_USER, gateway, Beside.CLOUD, cloud), 0);
        World world =
            World.prepare(
                new WorldConfig(
                    s,
                    URI.create(broker.uri()),
                    Beside.CLOUD,
                    cloud,
                    tmp.resolve("truth.bin"),
                    0,
                    0,
                    0))) {
      int port = freePort();
      Path config = tmp.resolve("serve.properties");
      Files.writeString(
          config,
          "database.url = "
              + PlatformDatabases.url(db)
              + "\ndatabase.user = "
              + PlatformDatabases.user()
              + "\nmqtt.broker = "
              + broker.uri()
              + "\nhttp.port = "
              + port
              + "\nadmin.user = admin\n"
              + Sim.serveKeys(world, Beside.CLOUD));
      Map<String, String> env =
          Map.of(
              "VPP_GATEWAY_PASSWORD",
              gateway,
              "VPP_ADMIN_PASSWORD",
              ADMIN_PASSWORD,
              "VPP_UTILITY_CLIENT_ID",
              world.utility().venClient().clientId(),
              "VPP_UTILITY_CLIENT_SECRET",
              world.utility().venClient().clientSecret());
      URI base = URI.create("http://127.0.0.1:" + port);
      ServeProcess first = ServeProcess.start(config, env, tmp.resolve("serve-1.log"));
      ServeProcess second = null;
      try {
        first.awaitHealthy(base, Duration.ofMinutes(2));
        String secret = ServeProcess.worldClient(base, "admin", ADMIN_PASSWORD);
        ServiceApi api = new ServiceApi(base, "world", secret);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread lives =
            new Thread(
                () -> {
                  try {
                    world.run(api, Optional.of(7), day -> {});
                  } catch (Throwable t) {
                    failed.set(t);
                  }
                },
                "world");
        lives.start();
        // the season's first event: August 6, 17:00-20:00; kill the service at 18:00
        Instant kill =
            ZonedDateTime.of(LocalDate.of(2019, 8, 6), LocalTime.of(18, 0), LA).toInstant();
        while (world.now().isBefore(kill) && lives.isAlive()) {
          Thread.sleep(20);
        }
        assertThat(failed.get()).isNull();
        JsonNode before = api.must(api.get("/api/v1/events?limit=500"), "events");
        long customersBefore =
            api.must(api.get("/api/v1/customers?limit=1"), "customers").path("total").asLong();
        first.process().destroyForcibly().waitFor();
        assertThat(first.process().exitValue()).as("killed with SIGKILL").isEqualTo(137);

        second = ServeProcess.start(config, env, tmp.resolve("serve-2.log"));
        second.awaitHealthy(base, Duration.ofMinutes(2));
        lives.join(Duration.ofMinutes(10).toMillis());
        assertThat(lives.isAlive()).as("the world lived its days").isFalse();
        assertThat(failed.get()).isNull();

        // the register and the event came back, and the event went on to its end
        assertThat(
                api.must(api.get("/api/v1/customers?limit=1"), "customers").path("total").asLong())
            .isGreaterThanOrEqualTo(customersBefore);
        JsonNode after = api.must(api.get("/api/v1/events?limit=500"), "events");
        List<String> running = new ArrayList<>();
        for (JsonNode e : before.path("items")) {
          if (e.path("state").asText().equals("ACTIVE")) {
            running.add(e.path("id").asText());
          }
        }
        assertThat(running).as("events running when the service was killed").isNotEmpty();
        for (String id : running) {
          JsonNode e = api.must(api.get("/api/v1/events/" + id), id);
          assertThat(e.path("state").asText()).isEqualTo("COMPLETED");
          JsonNode m = api.must(api.get("/api/v1/events/" + id + "/measurement"), id);
          assertThat(m.path("revision").asInt()).isPositive();
          if (e.path("programId").asText().equals(World.BATTERY_PROGRAM)) {
            assertThat(m.path("committedKwh").asDouble())
                .as("the commitment came back")
                .isPositive();
            assertThat(m.path("totals").path("measured").asInt()).isPositive();
          }
        }
        assertThat(after.path("total").asInt())
            .isGreaterThanOrEqualTo(before.path("total").asInt());

        // every reading the world sent is in the service's history
        for (Home h : world.homes()) {
          long sent = world.readingsSentBy(h);
          if (sent == 0) {
            continue;
          }
          assertThat(stored(api, h.siteId(), world))
              .as("readings of %s kept across the restart", h.siteId())
              .isEqualTo(sent);
        }
        JsonNode statements = api.must(api.get("/api/v1/statements?month=2019-08"), "statements");
        assertThat(statements.toString()).contains("c-0");
      } finally {
        first.process().destroyForcibly();
        if (second != null) {
          second.close();
        }
      }
    }
  }

  /** The intervals the service keeps for a site, over the world's history and season so far. */
  private static long stored(ServiceApi api, String site, World world) {
    long n = 0;
    Instant from = world.first().minus(Duration.ofDays(s(world)));
    while (from.isBefore(world.now())) {
      Instant to = from.plus(Duration.ofDays(30));
      JsonNode r =
          api.must(
              api.get("/api/v1/sites/" + site + "/meter-data?from=" + from + "&to=" + to), site);
      n += r.path("readings").size();
      from = to;
    }
    return n;
  }

  private static int s(World world) {
    return world.scenario().season().historyDays() + 1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
