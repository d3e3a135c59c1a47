package org.openvpp.server;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.openadr.PartnerVtn;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.metering.ConnectPoller;

/**
 * The configuration of {@code ./vpp serve --config FILE}: a Java properties file ({@code key =
 * value} lines, {@code #} comments) that {@link #read} turns into the service's {@link
 * ServiceSettings}. Secrets are never in the file: they come from the environment variables named
 * below. Every key is checked: an unknown one, a missing required one, or a malformed value is
 * refused with the key, its value and what to write. docs/serve.md lists the keys.
 */
final class ServeConfig {
  private static final Set<String> FIXED =
      Set.of(
          "database.url",
          "database.user",
          "database.password.env",
          "mqtt.broker",
          "mqtt.client_id",
          "http.port",
          "service.zone",
          "clock",
          "utility.vtn",
          "utility.program",
          "utility.programs",
          "utility.poll",
          "greenbutton.poll",
          "measure.after",
          "admin.user",
          "openadr.port",
          "openadr.clients",
          "ocpp.port",
          "ocpp.host",
          "ocpp.security_profile",
          "ocpp.keystore",
          "ocpp.keystore.password.env",
          "ocpp.schemas");
  private static final Pattern PRICE = Pattern.compile("prices\\.([A-Za-z0-9_.-]+)");
  private static final Pattern PRICE_REGION = Pattern.compile("prices\\.region\\.([A-Za-z0-9_-]+)");
  private static final Pattern FEED =
      Pattern.compile("greenbutton\\.([A-Za-z0-9_.:-]+)\\.(url|token\\.env)");

  private ServeConfig() {}

  /**
   * Reads {@code file}, with secrets from {@code env}.
   *
   * @throws UsageException for a missing or unreadable file, an unknown key, a missing required
   *     key, or a malformed value
   */
  static ServiceSettings read(Path file, Map<String, String> env) throws UsageException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("serve: no config file " + file + "; see docs/serve.md");
    } catch (IOException e) {
      throw new UsageException("serve: cannot read " + file + ": " + e.getMessage());
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("serve: " + file + " is not a properties file: " + e.getMessage());
    }
    Reader r = new Reader(file, p);
    Set<String> unknown = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (!FIXED.contains(k)
          && !PRICE.matcher(k).matches()
          && !PRICE_REGION.matcher(k).matches()
          && !FEED.matcher(k).matches()) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new UsageException(
          "serve: "
              + file
              + ": unknown key(s) "
              + unknown
              + "; the keys are "
              + new TreeSet<>(FIXED)
              + ", prices.NODE, prices.region.REGION, greenbutton.SITE.url and"
              + " greenbutton.SITE.token.env (docs/serve.md)");
    }
    String url = r.required("database.url", "jdbc:postgresql://127.0.0.1:5432/openvpp");
    if (!url.startsWith("jdbc:postgresql://")) {
      throw r.bad(
          "database.url",
          url,
          "a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database); the embedded database is"
              + " ./vpp up's");
    }
    String broker = r.required("mqtt.broker", "tcp://127.0.0.1:1883");
    if (!broker.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
      throw r.bad("mqtt.broker", broker, "tcp://host:port or ssl://host:port");
    }
    ZoneId zone = r.zone("service.zone");
    String clock = r.text("clock", "wall");
    Optional<String> world;
    if (clock.equals("wall")) {
      world = Optional.empty();
    } else if (clock.matches("world:[a-z][a-z0-9-]{0,31}")) {
      world = Optional.of(clock.substring("world:".length()));
    } else {
      throw r.bad(
          "clock",
          clock,
          "'wall' (the service's own time) or 'world:CLOUD' (follow the clock of the simulated"
              + " world that is device cloud CLOUD)");
    }
    Map<String, String> prices = new LinkedHashMap<>();
    Map<String, String> regions = new LinkedHashMap<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      Matcher region = PRICE_REGION.matcher(k);
      Matcher price = PRICE.matcher(k);
      if (region.matches()) {
        regions.put(region.group(1), r.text(k, ""));
      } else if (price.matches()) {
        String where = r.text(k, "");
        if (where.isEmpty()) {
          throw r.bad(k, where, "a CSV file, or a URL with {date} in it");
        }
        prices.put(price.group(1), where);
      }
    }
    for (Map.Entry<String, String> e : regions.entrySet()) {
      if (!prices.containsKey(e.getValue())) {
        throw r.bad(
            "prices.region." + e.getKey(),
            e.getValue(),
            "a node that has prices (a prices." + e.getValue() + " line)");
      }
    }
    Optional<ServiceSettings.Utility> utility = Optional.empty();
    String vtn = r.text("utility.vtn", "");
    if (!vtn.isEmpty()) {
      if (!vtn.matches("https?://\\S+")) {
        throw r.bad("utility.vtn", vtn, "the VTN's base URL, http(s)://host:port/…");
      }
      String program = r.required("utility.program", "peak-rewards");
      List<String> programs =
          Arrays.stream(r.required("utility.programs", "byo-battery,smart-thermostat").split(","))
              .map(String::trim)
              .filter(x -> !x.isEmpty())
              .toList();
      String id = env.getOrDefault("VPP_UTILITY_CLIENT_ID", "");
      String secret = env.getOrDefault("VPP_UTILITY_CLIENT_SECRET", "");
      if (id.isEmpty() || secret.isEmpty()) {
        throw new UsageException(
            "serve: "
                + file
                + " follows the utility's VTN "
                + vtn
                + ": set the VEN client the utility gave you in VPP_UTILITY_CLIENT_ID and"
                + " VPP_UTILITY_CLIENT_SECRET");
      }
      utility =
          Optional.of(
              new ServiceSettings.Utility(
                  URI.create(vtn),
                  program,
                  programs,
                  id,
                  secret,
                  r.duration("utility.poll", Duration.ofMinutes(1))));
    } else if (p.containsKey("utility.program") || p.containsKey("utility.programs")) {
      throw new UsageException(
          "serve: " + file + ": utility.program(s) without utility.vtn; add utility.vtn = URL");
    }
    List<ConnectPoller.Feed> feeds = new ArrayList<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      Matcher m = FEED.matcher(k);
      if (m.matches() && m.group(2).equals("url")) {
        String site = m.group(1);
        String feed = r.text(k, "");
        if (!feed.matches("https?://\\S+")) {
          throw r.bad(k, feed, "the Green Button Connect feed's URL");
        }
        String tokenEnv = r.required("greenbutton." + site + ".token.env", "VPP_GB_TOKEN_1");
        String token = env.getOrDefault(tokenEnv, "");
        if (token.isEmpty()) {
          throw new UsageException(
              "serve: the Green Button feed of site "
                  + site
                  + " needs its access token in the environment variable "
                  + tokenEnv);
        }
        feeds.add(new ConnectPoller.Feed(site, URI.create(feed), token));
      }
    }
    Optional<OcppSettings> ocpp = ocpp(r, p, env);
    String passwordEnv = r.text("database.password.env", "VPP_DB_PASSWORD");
    String admin = r.text("admin.user", "admin");
    return new ServiceSettings(
        new ServiceSettings.Postgres(
            url, r.text("database.user", "openvpp"), env.getOrDefault(passwordEnv, "")),
        URI.create(broker),
        env.getOrDefault("VPP_GATEWAY_PASSWORD", ""),
        r.text("mqtt.client_id", "vpp-gateway"),
        r.integer("http.port", 8080),
        zone,
        world,
        prices,
        regions,
        utility,
        feeds,
        r.duration("greenbutton.poll", Duration.ofHours(6)),
        Tuning.defaults(),
        r.duration("measure.after", Duration.ofHours(1)),
        Optional.of(new ServiceSettings.Admin(admin, env.getOrDefault("VPP_ADMIN_PASSWORD", ""))),
        p.containsKey("openadr.port")
            ? Optional.of(
                new ServiceSettings.Partners(
                    r.integer("openadr.port", PartnerVtn.DEFAULT_PORT),
                    r.text("openadr.clients", "").isEmpty()
                        ? ClientsFile.defaultPath()
                        : Path.of(r.text("openadr.clients", "")),
                    false))
            : Optional.empty(),
        ocpp);
  }

  /** The OCPP central system's keys: none without {@code ocpp.port}. */
  private static Optional<OcppSettings> ocpp(Reader r, Properties p, Map<String, String> env)
      throws UsageException {
    if (!p.containsKey("ocpp.port")) {
      for (String k : new TreeSet<>(p.stringPropertyNames())) {
        if (k.startsWith("ocpp.")) {
          throw new UsageException(
              "serve: "
                  + r.file()
                  + ": "
                  + k
                  + " without ocpp.port; add ocpp.port = "
                  + OcppSettings.DEFAULT_PORT
                  + " to run the OCPP central system");
        }
      }
      return Optional.empty();
    }
    int port = r.integer("ocpp.port", OcppSettings.DEFAULT_PORT);
    String host = r.text("ocpp.host", "0.0.0.0");
    if (!host.matches("[A-Za-z0-9.:\\-]+")) {
      throw r.bad("ocpp.host", host, "an address to listen on, such as 0.0.0.0 or 127.0.0.1");
    }
    String profileText = r.text("ocpp.security_profile", "1");
    int profile;
    switch (profileText) {
      case "0", "1", "2" -> profile = Integer.parseInt(profileText);
      default ->
          throw r.bad(
              "ocpp.security_profile",
              profileText,
              "0 (no password: chargers on this machine only), 1 (HTTP Basic, on a network trusted"
                  + " end to end) or 2 (HTTP Basic over TLS, with ocpp.keystore)");
    }
    Optional<Path> keystore = Optional.empty();
    String password = "";
    String keystoreText = r.text("ocpp.keystore", "");
    if (profile == 2) {
      if (keystoreText.isEmpty()) {
        throw new UsageException(
            "serve: "
                + r.file()
                + ": ocpp.security_profile = 2 is TLS; add ocpp.keystore = a PKCS12 file with the"
                + " central system's certificate and key");
      }
      Path k = Path.of(keystoreText);
      if (!Files.isReadable(k) || Files.isDirectory(k)) {
        throw r.bad("ocpp.keystore", keystoreText, "a readable PKCS12 file");
      }
      String passwordEnv = r.text("ocpp.keystore.password.env", "VPP_OCPP_KEYSTORE_PASSWORD");
      password = env.getOrDefault(passwordEnv, "");
      if (password.isEmpty()) {
        throw new UsageException(
            "serve: the OCPP keystore "
                + k
                + " needs its password in the environment variable "
                + passwordEnv);
      }
      keystore = Optional.of(k);
    } else if (!keystoreText.isEmpty() || p.containsKey("ocpp.keystore.password.env")) {
      throw new UsageException(
          "serve: "
              + r.file()
              + ": ocpp.keystore is for ocpp.security_profile = 2 (TLS); the profile is "
              + profile);
    }
    String schemasText = r.text("ocpp.schemas", "");
    Path schemas = schemasText.isEmpty() ? OcppSettings.defaultSchemas() : Path.of(schemasText);
    if (!Files.isDirectory(schemas.resolve("1.6"))
        || !Files.isDirectory(schemas.resolve("2.0.1"))) {
      throw r.bad(
          "ocpp.schemas",
          schemas.toString(),
          "the folder of the OCPP JSON schemas, holding 1.6/ and 2.0.1/ (the shared"
              + " specifications' specs/ocpp)");
    }
    return Optional.of(
        new OcppSettings(
            host, port, profile, keystore, password, schemas, OcppSettings.DEFAULT_VEHICLE));
  }

  /** Reads values of one file, refusing bad ones with the file and key. */
  private record Reader(Path file, Properties p) {
    String text(String key, String fallback) {
      return p.getProperty(key, fallback).trim();
    }

    String required(String key, String example) throws UsageException {
      String v = text(key, "");
      if (v.isEmpty()) {
        throw new UsageException(
            "serve: " + file + " has no " + key + "; add a line like: " + key + " = " + example);
      }
      return v;
    }

    UsageException bad(String key, String value, String what) {
      return new UsageException(
          "serve: " + file + ": " + key + " must be " + what + ", was '" + value + "'");
    }

    int integer(String key, int fallback) throws UsageException {
      String v = text(key, Integer.toString(fallback));
      try {
        int n = Integer.parseInt(v);
        if (n < 0 || n > 65_535) {
          throw bad(key, v, "a port, 0 to 65535");
        }
        return n;
      } catch (NumberFormatException e) {
        throw bad(key, v, "a port, 0 to 65535");
      }
    }

    Duration duration(String key, Duration fallback) throws UsageException {
      String v = text(key, "");
      if (v.isEmpty()) {
        return fallback;
      }
      try {
        Duration d = Duration.parse(v);
        if (d.isNegative() || d.isZero()) {
          throw bad(key, v, "a positive ISO-8601 duration such as PT1M or PT6H");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw bad(key, v, "an ISO-8601 duration such as PT1M or PT6H");
      }
    }

    ZoneId zone(String key) throws UsageException {
      String v = required(key, "America/Los_Angeles");
      try {
        return ZoneId.of(v);
      } catch (DateTimeException e) {
        throw bad(key, v, "a time zone such as America/Los_Angeles");
      }
    }
  }
}
