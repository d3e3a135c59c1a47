package org.openvpp.openadr.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  private final HttpServer server;
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> auths = new LinkedBlockingQueue<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  WebhookNotifierTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          requests.incrementAndGet();
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failFirst.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            bodies.add(body);
            auths.add(
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse(""));
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.createContext(
        "/stuck",
        ex -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void postsTheBodyWithTheBearerToken() throws Exception {
    try (WebhookNotifier n =
        new WebhookNotifier(1, 10, 3, Duration.ofMillis(20), Duration.ofSeconds(2))) {
      assertThat(
              n.submit(
                  new WebhookNotifier.Delivery(url("/hook"), Optional.of("s3cret"), "{\"a\":1}")))
          .isTrue();
      assertThat(bodies.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"a\":1}");
      assertThat(auths.poll(1, TimeUnit.SECONDS)).isEqualTo("Bearer s3cret");
    }
  }

  @Test
  void retriesAFailedDelivery() throws Exception {
    failFirst.set(2);
    try (WebhookNotifier n =
        new WebhookNotifier(1, 10, 3, Duration.ofMillis(20), Duration.ofSeconds(2))) {
      n.submit(new WebhookNotifier.Delivery(url("/hook"), Optional.empty(), "{}"));
      assertThat(bodies.poll(10, TimeUnit.SECONDS)).isEqualTo("{}");
      assertThat(requests.get()).isEqualTo(3);
      assertThat(auths.poll(1, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void givesUpAfterTheLastTry() throws Exception {
    failFirst.set(100);
    try (WebhookNotifier n =
        new WebhookNotifier(1, 10, 2, Duration.ofMillis(10), Duration.ofSeconds(2))) {
      n.submit(new WebhookNotifier.Delivery(url("/hook"), Optional.empty(), "{}"));
      // A later delivery to a healthy hook arrives; the failing one was tried exactly twice.
      assertThat(bodies.poll(500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(requests.get()).isEqualTo(2);
    }
  }

  @Test
  void aFullQueueDropsInsteadOfBlocking() {
    try (WebhookNotifier n =
        new WebhookNotifier(1, 1, 1, Duration.ofMillis(10), Duration.ofSeconds(5))) {
      WebhookNotifier.Delivery stuck =
          new WebhookNotifier.Delivery(url("/stuck"), Optional.empty(), "{}");
      int accepted = 0;
      for (int i = 0; i < 5; i++) {
        accepted += n.submit(stuck) ? 1 : 0;
      }
      // One in the sender, one queued; the rest dropped at once.
      assertThat(accepted).isBetween(1, 2);
      assertThat(n.dropped()).isEqualTo(5 - accepted);
      release.countDown();
    }
  }
}
