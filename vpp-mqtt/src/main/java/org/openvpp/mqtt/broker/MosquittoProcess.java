package org.openvpp.mqtt.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Mosquitto broker run as a child process on a port of its own, with users, passwords and the
 * protocol's ACLs (docs/device-protocol.md): for tests and benchmarks that need the real broker
 * OpenVPP's production configuration uses. Needs the {@code mosquitto} and {@code mosquitto_passwd}
 * programs ({@code ./vpp test} installs them).
 *
 * <p>Threads: start and close from one thread; a daemon thread reads the broker's log.
 */
public final class MosquittoProcess implements Broker {
  /**
   * The protocol's access rules: devices, meters and clouds under their own names, the gateway
   * anywhere.
   */
  public static final String ACL =
      """
      # devices: only under their own id
      pattern readwrite vpp/v1/d/%u/#
      # site meters with their own connection: only under their own id
      pattern readwrite vpp/v1/m/%u/#
      # device clouds: only under their own prefix
      pattern readwrite vpp/v1/c/%u/#
      # the gateway
      user vpp-gateway
      topic readwrite vpp/v1/#
      """;

  private final Path dir;
  private final Process process;
  private final int port;

  private MosquittoProcess(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Starts a broker on a free port where each user in {@code users} has its password. */
  public static MosquittoProcess start(Map<String, String> users)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return start(users, port);
  }

  /** Starts a broker on {@code port} (to restart one where it was). */
  public static MosquittoProcess start(Map<String, String> users, int port)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("openvpp-mosquitto");
    Path passwords = dir.resolve("passwd");
    Files.writeString(passwords, "");
    for (Map.Entry<String, String> u : users.entrySet()) {
      Process p =
          new ProcessBuilder(
                  "mosquitto_passwd", "-b", passwords.toString(), u.getKey(), u.getValue())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("mosquitto_passwd failed: " + out);
      }
    }
    Path acl = dir.resolve("acl");
    Files.writeString(acl, ACL);
    Path conf = dir.resolve("mosquitto.conf");
    Files.write(
        conf,
        List.of(
            "listener " + port + " 127.0.0.1",
            "allow_anonymous false",
            "password_file " + passwords,
            "acl_file " + acl,
            "persistence false",
            // A gateway under a burst must not lose telemetry to the broker's default queue of
            // 1,000 messages per client.
            "max_queued_messages 1000000",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information"));
    // Run as root, mosquitto drops to its own user, which must be able to read these files.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path f : List.of(passwords, acl, conf)) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Process process =
        new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true).start();
    BufferedReader log =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder output = new StringBuilder();
    // Keep reading its log, so the pipe never fills, and keep it for a failure message.
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = log.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                // the broker stopped
              }
            },
            "mosquitto-log");
    reader.setDaemon(true);
    reader.start();
    // Ready when it accepts a connection (its log is block-buffered, so it cannot tell us).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        break;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          synchronized (output) {
            throw new IOException(
                "mosquitto did not start on port " + port + " (config " + conf + "): " + output);
          }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
    return new MosquittoProcess(dir, process, port);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
