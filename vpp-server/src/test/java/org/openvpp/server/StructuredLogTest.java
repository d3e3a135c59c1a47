package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** VPP_LOG_FORMAT=json: every log line is one JSON object a collector can parse. */
class StructuredLogTest {

  @Test
  void theJsonConfigurationWritesOneObjectPerLine() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    // What SLF4J's logback provider gives the context it makes; a bare context has none.
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator c = new JoranConfigurator();
      c.setContext(context);
      c.doConfigure(getClass().getResource("/openvpp-logback-json.xml"));
      context.getLogger("org.openvpp.test").info("event {} announced", "utility-peak");
      context.getLogger("org.eclipse.jetty.server").info("not shown: below WARN");
      context.getLogger("org.openvpp.test").warn("a \"quoted\" word");
    } finally {
      context.stop();
      System.setOut(out);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n", -1);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines[0]);
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("loggerName").asText()).isEqualTo("org.openvpp.test");
    assertThat(first.path("formattedMessage").asText()).isEqualTo("event utility-peak announced");
    assertThat(first.path("timestamp").asLong()).isPositive();
    assertThat(json.readTree(lines[1]).path("formattedMessage").asText())
        .isEqualTo("a \"quoted\" word");
  }
}
