package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One logging path: {@code ./vpp up}'s entry point in a process of its own, with the embedded
 * broker, logs every line through OpenVPP's logback configuration, before the broker starts and
 * after (HiveMQ resets a logging context when its configuration folder has a logback.xml of its
 * own), in the format {@code VPP_LOG_FORMAT} asks for.
 */
class LoggingPathTest {
  /** A line of openvpp-logback.xml's text pattern, the one the broker's own configuration had. */
  private static final Pattern TEXT_LINE =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

  @TempDir Path tmp;

  @Test
  void jsonLinesForEveryLoggerBeforeAndAfterTheBrokerStarts() throws Exception {
    List<String> lines = up(tmp, "json", "info");

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> logs = new ArrayList<>();
    for (String line : lines) {
      assertThat(TEXT_LINE.matcher(line).find()).as("a log line not in JSON: %s", line).isFalse();
      if (line.startsWith("{")) {
        logs.add(json.readTree(line));
      }
    }
    List<String> messages =
        logs.stream()
            .map(l -> l.path("loggerName").asText() + ": " + l.path("formattedMessage").asText())
            .toList();
    // OpenVPP's loggers once the broker runs: the gateway connected to it, the service's event
    // desk and measurement
    assertThat(messages)
        .anyMatch(m -> m.startsWith("org.openvpp.mqtt.gateway.MqttGateway: gateway connected"))
        .anyMatch(m -> m.startsWith("org.openvpp.service.events.EventDesk: OpenADR event"))
        .anyMatch(m -> m.startsWith("org.openvpp.service.measure.Measurement: event"));
    assertThat(String.join("\n", lines)).contains("Season summary");
  }

  @Test
  void aBadLoggingVariableIsRefusedBeforeAnythingStarts() throws Exception {
    Process p = start(tmp, "yaml", "info", List.of("up", "--headless"), Optional.empty());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("VPP_LOG_FORMAT must be text or json, was 'yaml'");
  }

  /** Runs a short headless {@code up} in a process of its own; returns what it printed. */
  static List<String> up(Path tmp, String format, String level)
      throws IOException, InterruptedException {
    Process p =
        start(
            tmp,
            format,
            level,
            List.of(
                "up",
                "--headless",
                "--scenario",
                "winter-morning-ca",
                "--homes",
                "3",
                "--days",
                "1",
                "--no-store",
                "--port",
                "0",
                "--openadr-port",
                "0",
                "--openadr-clients",
                tmp.resolve("no-clients.json").toString()),
            Optional.of(tmp.resolve("up.log")));
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(tmp.resolve("up.log"), StandardCharsets.UTF_8);
    assertThat(ended).as("./vpp up ended within 5 minutes").isTrue();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    return lines;
  }

  /** Starts up's entry point; its output goes to {@code log}, or stays on the process's stdout. */
  private static Process start(
      Path tmp, String format, String level, List<String> args, Optional<Path> log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the launcher's flags (./vpp run_module): no JVM warnings in the output
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorldMain.class.getName());
    command.addAll(args);
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().put("VPP_LOG_FORMAT", format);
    b.environment().put("VPP_LOG_LEVEL", level);
    b.environment().put("HOME", tmp.toString());
    log.ifPresent(f -> b.redirectOutput(f.toFile()));
    return b.start();
  }
}
