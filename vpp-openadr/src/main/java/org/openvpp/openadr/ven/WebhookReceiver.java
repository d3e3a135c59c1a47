package org.openvpp.openadr.ven;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VEN's webhook endpoint (the JDK's HTTP server): answers the VTN's callback check ({@code GET
 * ?echo=X} with {@code X}) and hands each notification posted with the VEN's own bearer token (a
 * random one per receiver, given in the subscription) to the VEN; others get 401. Plain HTTP: for
 * HTTPS, put it behind a TLS-terminating proxy and give the proxy's URL as the callback URL.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final String PATH = "/openadr/callback";

  private final HttpServer server;
  private final ExecutorService threads;
  private final URI url;
  private final String bearerToken;

  private WebhookReceiver(HttpServer server, ExecutorService threads, URI url, String bearerToken) {
    this.server = server;
    this.threads = threads;
    this.url = url;
    this.bearerToken = bearerToken;
  }

  static WebhookReceiver start(VenConfig.Callback callback, Consumer<JsonNode> sink) {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    HttpServer server;
    try {
      server = HttpServer.create(callback.bind(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for webhooks on " + callback.bind(), e);
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    InetSocketAddress bound = server.getAddress();
    URI url =
        callback
            .url()
            .orElse(
                URI.create(
                    "http://"
                        + bound.getAddress().getHostAddress()
                        + ":"
                        + bound.getPort()
                        + PATH));
    server.createContext(
        PATH,
        exchange -> {
          try {
            handle(exchange, token, sink);
          } catch (RuntimeException e) {
            LOG.warn("webhook notification not handled: {}", e.toString());
            exchange.sendResponseHeaders(500, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    return new WebhookReceiver(server, threads, url, token);
  }

  private static void handle(HttpExchange exchange, String token, Consumer<JsonNode> sink)
      throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      String query = exchange.getRequestURI().getRawQuery();
      String echo = "";
      if (query != null) {
        for (String pair : query.split("&", -1)) {
          if (pair.startsWith("echo=")) {
            echo = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
          }
        }
      }
      byte[] body = echo.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(echo.isEmpty() ? 400 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
      exchange.sendResponseHeaders(401, -1);
      return;
    }
    JsonNode body = VtnClient.JSON.readTree(exchange.getRequestBody());
    sink.accept(body);
    exchange.sendResponseHeaders(200, -1);
  }

  URI url() {
    return url;
  }

  String bearerToken() {
    return bearerToken;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
