package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a free loopback port: keeps each notification with the Authorization header
 * it came with, answering 500 to the first {@code failFirst} requests.
 */
final class Receiver implements AutoCloseable {

  record Received(JsonNode body, String authorization) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger toFail;
  final AtomicInteger requests = new AtomicInteger();

  Receiver(int failFirst) {
    toFail = new AtomicInteger(failFirst);
    try {
      server =
          HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/callback",
        exchange -> {
          if (exchange.getRequestMethod().equals("GET")) {
            Echo.answer(exchange);
            return;
          }
          requests.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = toFail.getAndDecrement() > 0 ? 500 : 200;
          if (status == 200) {
            String auth =
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                    .orElse("");
            received.add(new Received(Api.JSON.readTree(body), auth));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
  }

  /** The next notification, waiting up to 10 s. */
  Received next() {
    try {
      Received r = received.poll(10, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no notification within 10 s");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A notification that came within {@code millis}, if one did. */
  Optional<Received> poll(long millis) {
    try {
      return Optional.ofNullable(received.poll(millis, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
