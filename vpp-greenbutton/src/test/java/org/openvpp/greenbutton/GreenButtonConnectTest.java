package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.greenbutton.GreenButtonException.Reason;

/** The Connect client against a real HTTP server (the JDK's) on a free loopback port. */
class GreenButtonConnectTest {
  private static final String TOKEN = "token-7f3a9c";
  private static final String PATH = "/DataCustodian/espi/1_1/resource/Batch/Subscription/5";

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> accepts = new CopyOnWriteArrayList<>();
  private volatile HttpHandler answer = exchange -> respond(exchange, 500, "text/plain", "unset");
  private ExecutorService executor;
  private HttpServer server;
  private HttpClient http;
  private URI feed;

  @BeforeEach
  void start() throws IOException {
    executor = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          queries.add(String.valueOf(exchange.getRequestURI().getQuery()));
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          accepts.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
          answer.handle(exchange);
        });
    server.start();
    feed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    http.shutdownNow();
    server.stop(0);
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private GreenButtonException refusal(Duration timeout) {
    GreenButtonConnect connect = new GreenButtonConnect(http, timeout);
    try {
      connect.fetch(feed, TOKEN, Optional.empty());
    } catch (GreenButtonException e) {
      assertThat(e.getMessage()).contains(feed.toString()).doesNotContain(TOKEN);
      return e;
    }
    throw new AssertionError("the feed was read");
  }

  @Test
  void aFeedAnsweredWith200IsReadAndAsksOnlyForWhatChangedSinceUpdatedMin() {
    byte[] sample = Espi.sampleBytes("test_usage_data.xml");
    answer = exchange -> respond(exchange, 200, "application/atom+xml", sample);

    GreenButtonFeed read =
        new GreenButtonConnect(http, Duration.ofSeconds(10))
            .fetch(feed, TOKEN, Optional.of(Instant.parse("2026-01-02T03:04:05.678Z")));

    assertThat(read.only().intervals()).hasSize(1_340);
    assertThat(queries).containsExactly("updated-min=2026-01-02T03:04:05Z");
    assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    assertThat(accepts).containsExactly("application/atom+xml");
  }

  @Test
  void withoutUpdatedMinTheFeedsOwnQueryIsKept() {
    byte[] sample = Espi.sampleBytes("test_usage_data_10.xml");
    answer = exchange -> respond(exchange, 200, "application/atom+xml", sample);

    new GreenButtonConnect(http, Duration.ofSeconds(10))
        .fetch(URI.create(feed + "?depth=2"), TOKEN, Optional.empty());

    assertThat(queries).containsExactly("depth=2");
  }

  @Test
  void anAnswerOf401IsUnauthorized() {
    answer = exchange -> respond(exchange, 401, "text/plain", "invalid_token");

    GreenButtonException e = refusal(Duration.ofSeconds(10));

    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
    assertThat(e.getMessage()).contains("answered 401", "refused the access token");
  }

  @Test
  void anAnswerOf503IsUnavailable() {
    answer =
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "120");
          respond(exchange, 503, "text/plain", "maintenance");
        };

    GreenButtonException e = refusal(Duration.ofSeconds(10));

    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("answered 503", "retry after 120");
  }

  @Test
  void anAnswerOf404IsRejected() {
    answer = exchange -> respond(exchange, 404, "text/plain", "no such subscription");

    assertThat(refusal(Duration.ofSeconds(10)).reason()).isEqualTo(Reason.REJECTED);
  }

  @Test
  void aBodyThatIsNotXmlIsMalformed() {
    answer = exchange -> respond(exchange, 200, "application/atom+xml", "Service is down, sorry");

    GreenButtonException e = refusal(Duration.ofSeconds(10));

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(e.getMessage()).contains("not well-formed XML");
  }

  @Test
  void aLoginPageInsteadOfTheFeedIsMalformed() {
    answer = exchange -> respond(exchange, 200, "text/html", "<html><body>Sign in</body></html>");

    GreenButtonException e = refusal(Duration.ofSeconds(10));

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(e.getMessage()).contains("answered 200 with text/html");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsUnavailable() {
    answer =
        exchange -> {
          awaitRelease();
          respond(exchange, 200, "application/atom+xml", Espi.sampleBytes("test_usage_data.xml"));
        };

    GreenButtonException e = refusal(Duration.ofMillis(300));

    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("did not answer within 300 ms");
  }

  @Test
  void aServerThatStopsHalfwayThroughItsBodyIsUnavailable() {
    byte[] sample = Espi.sampleBytes("test_usage_data.xml");
    answer =
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/atom+xml");
          exchange.sendResponseHeaders(200, sample.length);
          OutputStream out = exchange.getResponseBody();
          out.write(sample, 0, sample.length / 2);
          out.flush();
          awaitRelease();
          exchange.close();
        };

    GreenButtonException e = refusal(Duration.ofMillis(500));

    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("did not send its whole answer within 500 ms");
  }

  @Test
  void aRefusedConnectionIsUnavailable() {
    server.stop(0);

    GreenButtonException e = refusal(Duration.ofSeconds(10));

    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("refused the connection");
  }

  @Test
  void theTokenIsNeverSentOverPlainHttpToAnotherMachine() {
    GreenButtonConnect connect = new GreenButtonConnect(http, Duration.ofSeconds(1));

    assertThatThrownBy(
            () ->
                connect.fetch(URI.create("http://utility.example" + PATH), TOKEN, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not HTTPS");
    assertThat(queries).isEmpty();
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
