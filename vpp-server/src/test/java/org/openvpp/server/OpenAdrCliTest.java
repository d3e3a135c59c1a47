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
        new PrintStream(err, true, StandardCharsets.UTF_8),
        java.util.Map.of());
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
}
