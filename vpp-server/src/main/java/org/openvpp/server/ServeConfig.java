package org.openvpp.server;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.server.cli.UsageException;

/**
 * The configuration of {@code ./vpp serve --config FILE}: a Java properties file ({@code key =
 * value} lines, {@code #} comments) naming the PostgreSQL database and the external MQTT broker,
 * the ports, and the fleet. Secrets are never in the file: they are read from the environment
 * variables it names (or the defaults below). Every key is checked: an unknown one, a missing
 * required one, or a malformed value is refused with the key, the line's value and what to write.
 *
 * @param databaseUrl the system of record, {@code jdbc:postgresql://host:port/db}
 * @param databaseUser its user
 * @param databasePassword its password, from the environment variable {@code database.password.env}
 *     names (default {@code VPP_DB_PASSWORD}; empty if unset)
 * @param broker the external broker the devices (and the gateway) meet on
 * @param gatewayPassword the gateway's broker password (user vpp-gateway), from {@code
 *     VPP_GATEWAY_PASSWORD}
 * @param simPassword the simulated device cloud's broker password (user sim), from {@code
 *     VPP_SIM_PASSWORD}
 * @param adminUser the operator admin made on the first start (password from {@code
 *     VPP_ADMIN_PASSWORD})
 * @param adminPassword the admin's password, from the environment; empty if unset
 * @param exitAfterRun whether the server exits when its run is over (otherwise it keeps serving the
 *     API and the dashboard until stopped)
 * @param upArguments the rest, as the options of {@code ./vpp up} they mean
 */
record ServeConfig(
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    String broker,
    String gatewayPassword,
    String simPassword,
    String adminUser,
    String adminPassword,
    boolean exitAfterRun,
    List<String> upArguments) {

  ServeConfig {
    upArguments = List.copyOf(upArguments);
  }

  /** Keys and the {@code ./vpp up} option each stands for (empty: not an option of up). */
  private static final Map<String, String> KEYS =
      Map.ofEntries(
          Map.entry("database.url", ""),
          Map.entry("database.user", ""),
          Map.entry("database.password.env", ""),
          Map.entry("mqtt.broker", "--broker"),
          Map.entry("http.port", "--port"),
          Map.entry("openadr.port", "--openadr-port"),
          Map.entry("openadr.clients", "--openadr-clients"),
          Map.entry("fleet.scenario", "--scenario"),
          Map.entry("fleet.homes", "--homes"),
          Map.entry("fleet.hours", "--hours"),
          Map.entry("fleet.seed", "--seed"),
          Map.entry("fleet.speed", "--speed"),
          Map.entry("fleet.pace", ""),
          Map.entry("plan", ""),
          Map.entry("admin.user", ""),
          Map.entry("after.run", ""));

  /**
   * Reads {@code file}, with secrets from {@code env}.
   *
   * @throws UsageException for a missing or unreadable file, an unknown key, a missing required
   *     key, or a malformed value
   */
  static ServeConfig read(Path file, Map<String, String> env) throws UsageException {
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
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(KEYS.keySet());
    if (!unknown.isEmpty()) {
      throw new UsageException(
          "serve: "
              + file
              + ": unknown key(s) "
              + unknown
              + "; the keys are "
              + new TreeSet<>(KEYS.keySet()));
    }
    String url = required(p, file, "database.url", "jdbc:postgresql://127.0.0.1:5432/openvpp");
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new UsageException(
          "serve: "
              + file
              + ": database.url must be a PostgreSQL JDBC URL"
              + " (jdbc:postgresql://host:port/database), was '"
              + url
              + "'; the embedded database is ./vpp up's");
    }
    String broker = required(p, file, "mqtt.broker", "tcp://127.0.0.1:1883");
    if (!broker.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
      throw new UsageException(
          "serve: "
              + file
              + ": mqtt.broker must be tcp://host:port or ssl://host:port, was '"
              + broker
              + "'");
    }
    String after = p.getProperty("after.run", "stay").trim();
    if (!after.equals("stay") && !after.equals("exit")) {
      throw new UsageException(
          "serve: " + file + ": after.run is 'stay' (keep serving) or 'exit', was '" + after + "'");
    }
    String plan = p.getProperty("plan", "arbitrage").trim();
    if (!plan.equals("arbitrage") && !plan.equals("event-only")) {
      throw new UsageException(
          "serve: " + file + ": plan is 'arbitrage' or 'event-only', was '" + plan + "'");
    }
    List<String> up = new ArrayList<>();
    for (Map.Entry<String, String> k : KEYS.entrySet()) {
      String value = p.getProperty(k.getKey());
      if (!k.getValue().isEmpty() && value != null) {
        if (value.isBlank()) {
          throw new UsageException("serve: " + file + ": " + k.getKey() + " is empty");
        }
        up.add(k.getValue());
        up.add(value.trim());
      }
    }
    if (plan.equals("event-only")) {
      up.add("--event-only");
    }
    String pace = p.getProperty("fleet.pace", "live").trim();
    if (!pace.equals("live") && !pace.equals("fast")) {
      throw new UsageException(
          "serve: "
              + file
              + ": fleet.pace is 'live' (fleet.speed simulated seconds per real second) or 'fast'"
              + " (as fast as the work allows), was '"
              + pace
              + "'");
    }
    if (pace.equals("fast")) {
      up.add("--fast");
    }
    String passwordEnv = p.getProperty("database.password.env", "VPP_DB_PASSWORD").trim();
    return new ServeConfig(
        url,
        p.getProperty("database.user", "openvpp").trim(),
        env.getOrDefault(passwordEnv, ""),
        broker,
        env.getOrDefault("VPP_GATEWAY_PASSWORD", ""),
        env.getOrDefault("VPP_SIM_PASSWORD", ""),
        p.getProperty("admin.user", "admin").trim(),
        env.getOrDefault("VPP_ADMIN_PASSWORD", ""),
        after.equals("exit"),
        up);
  }

  private static String required(Properties p, Path file, String key, String example)
      throws UsageException {
    String v = p.getProperty(key, "").trim();
    if (v.isEmpty()) {
      throw new UsageException(
          "serve: " + file + " has no " + key + "; add a line like: " + key + " = " + example);
    }
    return v;
  }
}
