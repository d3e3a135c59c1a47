package org.openvpp.world.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./vpp serve} in a process of its own, for a simulated world apart from it (the restart
 * test, the OCPP bench): started on a configuration with this JVM's class path, awaited until its
 * {@code /health} answers, and the world's API client made through the API by its admin, as a
 * person would.
 */
public final class ServeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;

  private ServeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code ./vpp serve --config config} with {@code env} added to this process's
   * environment, its output to {@code log}.
   */
  public static ServeProcess start(Path config, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.openvpp.server.Main",
            "serve",
            "--config",
            config.toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServeProcess(pb.start(), log);
  }

  /**
   * Waits until the service at {@code base} answers {@code /health} with 200.
   *
   * @throws IllegalStateException with the service's output when it stopped or did not answer
   *     within {@code patience}
   */
  public void awaitHealthy(URI base, Duration patience) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("./vpp serve stopped: " + output());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "./vpp serve did not answer in " + patience.toSeconds() + " s: " + output());
  }

  /**
   * Makes the world's API client (a machine account named {@code world}, operator admin) as the
   * admin {@code admin} with {@code password}; returns its secret.
   */
  public static String worldClient(URI base, String admin, String password)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode()
                            .put("username", admin)
                            .put("password", password)
                            .toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("the admin's login failed: " + login.body());
    }
    String token = JSON.readTree(login.body()).path("token").asText();
    HttpResponse<String> made =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/accounts"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode()
                            .put("name", Beside.WORLD_CLIENT)
                            .put("role", "OPERATOR_ADMIN")
                            .put("machine", true)
                            .toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (made.statusCode() != 200 && made.statusCode() != 201) {
      throw new IllegalStateException("the world's client was not made: " + made.body());
    }
    return JSON.readTree(made.body()).path("clientSecret").asText();
  }

  /** The process, to kill it, say. */
  public Process process() {
    return process;
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(its output in " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }

  /** Stops it (SIGTERM) and waits (at most a minute, then kills it). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
