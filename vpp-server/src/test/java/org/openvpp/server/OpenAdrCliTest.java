package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.openadr.auth.Role;

/** {@code ./vpp openadr client ...} through the command line's entry point, as MainTest does. */
class OpenAdrCliTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String file() {
    return dir.resolve("clients.json").toString();
  }

  @Test
  void createPrintsAnIdAndSecretThatTheVtnsClientsFileAccepts() throws IOException {
    assertThat(
            run(
                "openadr",
                "client",
                "create",
                "--name",
                "cloud-1",
                "--role",
                "ven",
                "--clients",
                file()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    Matcher id = Pattern.compile("OPENADR_CLIENT_ID=(\\S+)").matcher(text);
    Matcher secret = Pattern.compile("OPENADR_CLIENT_SECRET=(\\S+)").matcher(text);
    assertThat(id.find()).isTrue();
    assertThat(secret.find()).isTrue();
    assertThat(Files.readString(Path.of(file()))).doesNotContain(secret.group(1));

    Clients clients = new Clients();
    ClientsFile.load(Path.of(file()), clients);
    assertThat(clients.authenticate(id.group(1), secret.group(1)))
        .hasValueSatisfying(c -> assertThat(c.role()).isEqualTo(Role.VEN));

    out.reset();
    assertThat(
            run(
                "openadr",
                "client",
                "create",
                "--name",
                "utility",
                "--role",
                "BL",
                "--clients",
                file()))
        .isZero();
    out.reset();
    assertThat(run("openadr", "client", "list", "--clients", file())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("VEN  cloud-1")
        .contains("BL  utility");
  }

  @Test
  void badRoleMissingNameDuplicateAndUnwritableFileAreUsageErrors() throws IOException {
    assertThat(
            run(
                "openadr",
                "client",
                "create",
                "--name",
                "x",
                "--role",
                "admin",
                "--clients",
                file()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--role must be ven or bl, was 'admin'");
    err.reset();
    assertThat(run("openadr", "client", "create", "--role", "ven", "--clients", file()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--name NAME is required");
    err.reset();
    assertThat(
            run("openadr", "client", "create", "--name", "a", "--role", "ven", "--clients", file()))
        .isZero();
    assertThat(
            run("openadr", "client", "create", "--name", "a", "--role", "bl", "--clients", file()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("a client named 'a' is already in");
    err.reset();
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    assertThat(
            run(
                "openadr",
                "client",
                "create",
                "--name",
                "b",
                "--role",
                "ven",
                "--clients",
                blocker.resolve("c.json").toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write");
    err.reset();
    assertThat(run("openadr", "server")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected 'client create'");
  }

  @Test
  void upRunsAVtnThatShowsTheUtilitysEventToAPartnersVen() {
    String clients = dir.resolve("none.json").toString();
    assertThat(
            run(
                "up",
                "--headless",
                "--in-memory",
                "--scenario",
                "winter-morning-ca",
                "--homes",
                "5",
                "--hours",
                "10",
                "--openadr-port",
                "0",
                "--openadr-clients",
                clients,
                "--utility-port",
                "0"))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("OpenADR 3.1.1 VTN at http://127.0.0.1:\\d+/openadr3/3.1.1")
        .contains("a demo VEN client for this run: OPENADR_CLIENT_ID=ven-")
        .containsPattern("utility VTN at http://127.0.0.1:\\d+/openadr3/3.1.1")
        .containsPattern(
            "the utility published event utility-peak-\\S+ on its VTN \\(event (\\S+)\\)")
        .containsPattern("event \\S+ published on the VTN as event \\S+")
        .contains("reported the run's M&V on event");
  }

  @Test
  void aPartnersVenWithCredentialsFromTheCliSeesThePublishedEvent() throws Exception {
    assertThat(
            run(
                "openadr",
                "client",
                "create",
                "--name",
                "partner",
                "--role",
                "ven",
                "--clients",
                file()))
        .isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    Matcher id = Pattern.compile("OPENADR_CLIENT_ID=(\\S+)").matcher(text);
    Matcher secret = Pattern.compile("OPENADR_CLIENT_SECRET=(\\S+)").matcher(text);
    assertThat(id.find() && secret.find()).isTrue();
    java.util.List<org.openvpp.openadr.ven.OpenAdrEvent> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ScheduledExecutorService scheduler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try (org.openvpp.server.openadr.RunVtn vtn =
        org.openvpp.server.openadr.RunVtn.start(
            0, true, Path.of(file()), new PrintStream(out, true, StandardCharsets.UTF_8))) {
      java.time.Instant start = java.time.Instant.parse("2026-07-01T17:00:00Z");
      vtn.publish(
          new org.openvpp.event.GridEvent(
              "utility-peak-2026-07-01",
              org.openvpp.event.GridEvent.Kind.PEAK_REDUCTION,
              new org.openvpp.time.Interval(start, start.plusSeconds(3 * 3600)),
              org.openvpp.aggregate.GroupId.FLEET,
              java.util.Optional.empty(),
              "utility",
              start.minusSeconds(7200)));
      try (org.openvpp.openadr.ven.Ven ven =
          org.openvpp.openadr.ven.Ven.create(
              org.openvpp.openadr.ven.VenConfig.of(
                  vtn.baseUrl(),
                  id.group(1),
                  secret.group(1),
                  "partner-cloud",
                  java.util.List.of(org.openvpp.server.run.FleetRun.PROGRAM)),
              java.net.http.HttpClient.newHttpClient(),
              java.time.Clock.systemUTC(),
              scheduler,
              (change, e) -> seen.add(e),
              org.openvpp.openadr.ven.ReportSource.none(),
              x -> {})) {
        assertThat(ven.pollNow().ok()).isTrue();
      }
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).window().start())
        .isEqualTo(java.time.Instant.parse("2026-07-01T17:00:00Z"));
    assertThat(seen.get(0).eventName()).isEqualTo("utility-peak-2026-07-01");
  }
}
