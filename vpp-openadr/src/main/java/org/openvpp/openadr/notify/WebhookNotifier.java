package org.openvpp.openadr.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to subscribers' webhooks.
 *
 * <p>Design note. A request that changes an object must never wait for a subscriber, so {@link
 * #submit} only queues: a bounded queue ({@code capacity}) in front of {@code workers} sender
 * threads. When the queue is full the notification is dropped and counted, never blocking the
 * caller. A delivery that fails (no answer within {@code timeout}, or a status other than 2xx) is
 * tried again after {@code retryDelay}, then twice that, up to {@code attempts} tries in all; the
 * waits are scheduled on a timer thread, so a slow subscriber holds a sender only for one try.
 * Deliveries to one subscriber may arrive out of order. Thread-safe.
 */
public final class WebhookNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  /** One notification for one callback URL, with the subscriber's bearer token if it gave one. */
  public record Delivery(URI callbackUrl, Optional<String> bearerToken, String body) {}

  private final HttpClient http;
  private final int attempts;
  private final Duration retryDelay;
  private final Duration timeout;
  private final ThreadPoolExecutor senders;
  private final ScheduledExecutorService timer;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public WebhookNotifier(
      int workers, int capacity, int attempts, Duration retryDelay, Duration timeout) {
    if (workers < 1 || capacity < 1 || attempts < 1) {
      throw new IllegalArgumentException(
          "workers, capacity and attempts must be at least 1, were "
              + workers
              + ", "
              + capacity
              + ", "
              + attempts);
    }
    this.attempts = attempts;
    this.retryDelay = retryDelay;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.senders =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            Thread.ofPlatform().name("vtn-webhook-", 0).daemon().factory());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vtn-webhook-retry").daemon().factory());
  }

  /** A notifier with 2 senders, 10,000 queued, 3 tries 1 s apart and a 5 s timeout. */
  public static WebhookNotifier withDefaults() {
    return new WebhookNotifier(2, 10_000, 3, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** Queues {@code delivery}; false if the queue was full and it was dropped. */
  public boolean submit(Delivery delivery) {
    return enqueue(delivery, 1);
  }

  private boolean enqueue(Delivery delivery, int attempt) {
    try {
      senders.execute(() -> send(delivery, attempt));
      return true;
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      LOG.warn(
          "webhook queue full or closed: dropped a notification to {}", delivery.callbackUrl());
      return false;
    }
  }

  private void send(Delivery delivery, int attempt) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(delivery.callbackUrl())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
    delivery.bearerToken().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    String why;
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        delivered.incrementAndGet();
        return;
      }
      why = "status " + response.statusCode();
    } catch (IOException e) {
      why = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (attempt >= attempts || senders.isShutdown()) {
      failed.incrementAndGet();
      LOG.warn(
          "webhook {} failed after {} tries ({}): notification dropped",
          delivery.callbackUrl(),
          attempt,
          why);
      return;
    }
    long wait = retryDelay.toMillis() << (attempt - 1);
    try {
      var unused =
          timer.schedule(() -> enqueue(delivery, attempt + 1), wait, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      failed.incrementAndGet();
    }
  }

  /** Notifications answered with 2xx. */
  public long delivered() {
    return delivered.get();
  }

  /** Notifications given up after every try. */
  public long failed() {
    return failed.get();
  }

  /** Notifications dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(2, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
    http.shutdownNow();
  }
}
