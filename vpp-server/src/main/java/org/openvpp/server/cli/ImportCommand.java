package org.openvpp.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./vpp import}: a utility's customers, sites and devices from CSV, or a site's meter
 * history from a Green Button file, sent to a running service through its API (the same calls the
 * dashboard makes), as a machine client of the API whose id and secret are in {@code
 * VPP_API_CLIENT_ID} and {@code VPP_API_CLIENT_SECRET}. A refused file is reported row by row (or
 * with the Green Button reader's reason) and nothing of it is kept.
 */
public final class ImportCommand {
  public static final String USAGE =
      """
      Usage: ./vpp import --api URL register FILE.csv
             ./vpp import --api URL greenbutton --site SITE [--usage-point HREF] FILE.xml

        register     customers, sites, devices and enrolments from a CSV file (the columns are in
                     docs/api.md); all rows or none: every refused row is listed with its reason
        greenbutton  a site's interval meter data from a Green Button (ESPI Atom XML) file
        --api URL    the service's base URL, e.g. http://127.0.0.1:8080
      The API client (an operator admin) is read from VPP_API_CLIENT_ID and VPP_API_CLIENT_SECRET.
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportCommand() {}

  /** Runs the command; returns 0 when imported, 1 when the service refused it. */
  public static int run(List<String> args, PrintStream out, Map<String, String> env)
      throws UsageException {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> positional = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        named.add(a);
        if (i + 1 < args.size()) {
          named.add(args.get(++i));
        }
      } else {
        positional.add(a);
      }
    }
    Options o =
        Options.parse("import", named, Set.of("--api", "--site", "--usage-point"), Set.of());
    String api = o.text("--api", "").replaceAll("/$", "");
    if (!api.matches("https?://[^/\\s]+")) {
      throw new UsageException(
          "import: --api is required: the service's base URL, e.g. http://127.0.0.1:8080, was '"
              + api
              + "'");
    }
    if (positional.size() != 2) {
      throw new UsageException(
          "import: give what and the file: register FILE.csv, or greenbutton --site SITE FILE.xml");
    }
    String what = positional.get(0);
    Path file = Path.of(positional.get(1));
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("import: no file " + file);
    } catch (IOException e) {
      throw new UsageException("import: cannot read " + file + ": " + e.getMessage());
    }
    String path;
    String type;
    switch (what) {
      case "register" -> {
        path = "/api/v1/imports";
        type = "text/csv";
      }
      case "greenbutton" -> {
        String site = o.text("--site", "");
        if (site.isEmpty()) {
          throw new UsageException("import: greenbutton needs --site SITE (the site's id)");
        }
        String point = o.text("--usage-point", "");
        path =
            "/api/v1/sites/"
                + URLEncoder.encode(site, StandardCharsets.UTF_8)
                + "/meter-data"
                + (point.isEmpty()
                    ? ""
                    : "?usagePoint=" + URLEncoder.encode(point, StandardCharsets.UTF_8));
        type = "application/atom+xml";
      }
      default ->
          throw new UsageException(
              "import: what to import is 'register' or 'greenbutton', was '" + what + "'");
    }
    String id = env.getOrDefault("VPP_API_CLIENT_ID", "");
    String secret = env.getOrDefault("VPP_API_CLIENT_SECRET", "");
    if (id.isEmpty() || secret.isEmpty()) {
      throw new UsageException(
          "import: set VPP_API_CLIENT_ID and VPP_API_CLIENT_SECRET to an API client of the"
              + " service (POST /api/v1/accounts with \"machine\": true makes one)");
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String token = token(http, api, id, secret);
    JsonNode answer;
    int status;
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(api + path))
                  .timeout(Duration.ofMinutes(5))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", type)
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      answer = parse(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("import: cannot reach " + api + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import: interrupted", e);
    }
    if (status / 100 == 2) {
      out.println("imported " + file + ": " + answer);
      return 0;
    }
    out.println(
        "refused ("
            + status
            + "): "
            + answer.path("message").asText(answer.toString())
            + answer.path("reason").asText("").transform(x -> x.isEmpty() ? "" : " [" + x + "]"));
    for (JsonNode e : answer.path("errors")) {
      out.println("  " + (e.isTextual() ? e.asText() : e.toString()));
    }
    return 1;
  }

  private static String token(HttpClient http, String api, String id, String secret) {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(api + "/api/v1/auth/token"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode a = parse(r.body());
      if (r.statusCode() != 200 || !a.hasNonNull("access_token")) {
        throw new IllegalStateException(
            "import: the service refused the API client "
                + id
                + ": "
                + a.path("error_description").asText(a.toString()));
      }
      return a.path("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException("import: cannot reach " + api + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import: interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }
}
