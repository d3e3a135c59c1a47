package org.openvpp.openadr.vtn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Mosquitto broker of the test's own, on a free loopback port with anonymous access, started from
 * the {@code mosquitto} program (Debian's package) when it is installed.
 */
final class TestBroker implements AutoCloseable {

  private final Process process;
  private final int port;

  private TestBroker(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A running broker, or empty when there is no {@code mosquitto} program. */
  static Optional<TestBroker> start() {
    Optional<Path> program =
        java.util.stream.Stream.of(
                "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (program.isEmpty()) {
      return Optional.empty();
    }
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path conf = Files.createTempFile("vtn-mosquitto", ".conf");
      Files.writeString(
          conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
      Process p =
          new ProcessBuilder(program.get().toString(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      // Wait until it accepts connections (up to 10 s).
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (true) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.shutdownOutput();
          return Optional.of(new TestBroker(p, port));
        } catch (IOException notYet) {
          if (System.nanoTime() > deadline || !p.isAlive()) {
            p.destroyForcibly();
            throw new IllegalStateException("mosquitto did not start on port " + port, notYet);
          }
          Thread.onSpinWait();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return URI.create("tcp://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.destroy();
  }
}
