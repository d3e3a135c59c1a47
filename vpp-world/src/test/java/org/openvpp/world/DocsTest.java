package org.openvpp.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.world.launch.WorldMain;

/**
 * The documents promise only what exists: every {@code ./vpp} command they show is one the launcher
 * has, every option they give a command is one its {@code --help} lists, and every endpoint of
 * docs/api.md is in the OpenAPI document with that method. Only code is read (fenced blocks without
 * their shell comments, and backtick spans, of README.md, ARCHITECTURE.md and docs/), not prose;
 * BENCHMARKS.md keeps the commands its older figures were measured with.
 */
class DocsTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"), "..").normalize();
  private static final Pattern COMMAND = Pattern.compile("\\./vpp ([a-z]+)([^#`]*)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
  private static final Pattern ENDPOINT =
      Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE) (/[^\\s`?\\[,]*)");

  private static List<Code> code = List.of();

  /** A piece of code in a document, and where. */
  record Code(String file, int line, String text) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }

  @BeforeAll
  static void read() throws IOException {
    code = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String f : List.of("README.md", "ARCHITECTURE.md")) {
      files.add(ROOT.resolve(f));
    }
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    Pattern span = Pattern.compile("`([^`]+)`");
    for (Path f : files) {
      String name = ROOT.relativize(f).toString();
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      boolean fenced = false;
      // prose is read a paragraph at a time, so a span broken across lines is read whole
      StringBuilder paragraph = new StringBuilder();
      int from = 0;
      for (int i = 0; i <= lines.size(); i++) {
        String line = i < lines.size() ? lines.get(i) : "";
        boolean fence = line.strip().startsWith("```");
        if (!fenced && (fence || line.isBlank())) {
          Matcher m = span.matcher(paragraph);
          while (m.find()) {
            code.add(new Code(name, from + 1, m.group(1)));
          }
          paragraph.setLength(0);
        }
        if (fence) {
          fenced = !fenced;
        } else if (fenced) {
          // a command continued on the next line
          String text = line;
          while (text.endsWith("\\") && i + 1 < lines.size()) {
            text = text.substring(0, text.length() - 1) + lines.get(++i);
          }
          code.add(new Code(name, i + 1, text.replaceAll("(^|\\s)#.*", "")));
        } else if (!line.isBlank()) {
          if (paragraph.isEmpty()) {
            from = i;
          } else {
            paragraph.append(' ');
          }
          paragraph.append(line.strip());
        }
      }
    }
  }

  @Test
  void everyCommandShownIsTheLaunchersAndEveryOptionIsInItsHelp() throws IOException {
    Set<String> commands = launcherCommands();
    Map<String, String> help = new java.util.HashMap<>();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Code c : code) {
      Matcher m = COMMAND.matcher(c.text());
      while (m.find()) {
        String command = m.group(1);
        if (!commands.contains(command)) {
          wrong.add(c + " (no command '" + command + "' in ./vpp help)");
          continue;
        }
        if (Set.of("test", "bench", "fuzz", "fmt", "help").contains(command)) {
          continue;
        }
        String text = help.computeIfAbsent(command, DocsTest::help);
        Matcher o = OPTION.matcher(m.group(2));
        while (o.find()) {
          checked++;
          if (!o.group().equals("--help")
              && !text.contains(o.group() + " ")
              && !text.contains(o.group() + ",")) {
            wrong.add(c + " (./vpp " + command + " --help has no " + o.group() + ")");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).as("options checked").isGreaterThan(20);
  }

  @Test
  void everyEndpointOfTheApiDocumentIsInTheOpenApiDocument() throws IOException {
    JsonNode paths;
    try (InputStream in =
        DocsTest.class.getResourceAsStream("/org/openvpp/server/http/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the class path").isNotNull();
      paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
    }
    Map<String, Set<String>> methods = new java.util.HashMap<>();
    paths
        .properties()
        .forEach(
            e -> {
              Set<String> ms = new HashSet<>();
              e.getValue().fieldNames().forEachRemaining(ms::add);
              methods.put(normal(e.getKey()), ms);
            });
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Code c : code) {
      if (!c.file().equals("docs/api.md")) {
        continue;
      }
      Matcher m = ENDPOINT.matcher(c.text());
      while (m.find()) {
        checked++;
        String path = m.group(2);
        String method = m.group(1).toLowerCase(Locale.ROOT);
        Set<String> found = methods.get(normal(path));
        if (found == null && !path.startsWith("/api/")) {
          found = methods.get(normal("/api/v1" + path));
        }
        if (found == null || !found.contains(method)) {
          wrong.add(c + " (" + m.group() + " is not in openapi.yaml)");
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).as("endpoints checked").isGreaterThan(30);
  }

  /** A path with its parameters unnamed: {@code /programs/{id}} and {@code /programs/{x}} agree. */
  private static String normal(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }

  /** The commands of {@code ./vpp help}, from the launcher's help text. */
  private static Set<String> launcherCommands() throws IOException {
    String script = Files.readString(ROOT.resolve("vpp"), StandardCharsets.UTF_8);
    String text = script.substring(script.indexOf("cat <<'TXT'"), script.indexOf("\nTXT"));
    Set<String> commands = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^  ([a-z]+)\\b").matcher(text);
    while (m.find()) {
      commands.add(m.group(1));
    }
    assertThat(commands).contains("up", "serve", "sim", "baseline", "help");
    return commands;
  }

  /** What {@code ./vpp COMMAND --help} prints. */
  private static String help(String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WorldMain.run(
            new String[] {command, "--help"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(code).as("./vpp %s --help: %s", command, err).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
