package org.openvpp.greenbutton;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A client of a Green Button Connect My Data feed: fetches a customer's usage feed from the utility
 * (the data custodian) with the access token the customer's authorisation gave, and reads it as
 * {@link GreenButtonReader} does.
 *
 * <p>Design note. One GET per fetch, the body streamed into the reader as it arrives. The timeout
 * bounds the whole fetch: the answer's headers (the request's timeout) and then its body (a timer
 * closes the body's stream when the time is up, which ends the read). Every failure is a {@link
 * GreenButtonException} whose message names the feed's URL and the HTTP status, never the token.
 * The access token is sent only over HTTPS, or plain HTTP to this machine (for tests). The client
 * holds no state of its own: one instance may fetch for several customers at once.
 */
public final class GreenButtonConnect {
  private final HttpClient http;
  private final Duration timeout;
  private final GreenButtonReader reader;

  /** A client that reads feeds up to {@link GreenButtonReader#DEFAULT_MAX_BYTES}. */
  public GreenButtonConnect(HttpClient http, Duration timeout) {
    this(http, timeout, new GreenButtonReader());
  }

  /**
   * A client that reads feeds with {@code reader}.
   *
   * @param timeout the most one fetch may take, headers and body; positive
   */
  public GreenButtonConnect(HttpClient http, Duration timeout, GreenButtonReader reader) {
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.reader = Objects.requireNonNull(reader, "reader");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /**
   * The feed at {@code feed}, such as {@code
   * https://utility.example/DataCustodian/espi/1_1/resource/Batch/Subscription/5}.
   *
   * @param accessToken the OAuth 2.0 access token of the customer's authorisation, sent as {@code
   *     Authorization: Bearer}
   * @param updatedMin when present, only what changed since then (ESPI's {@code updated-min}); a
   *     feed with nothing new is refused as {@code EMPTY}
   * @throws GreenButtonException {@code UNAUTHORIZED} (401, 403), {@code UNAVAILABLE} (5xx, no
   *     answer within the timeout, unreachable), {@code REJECTED} (another status), or any reason
   *     of {@link GreenButtonReader#read}
   * @throws IllegalArgumentException if the URL is not HTTPS (or HTTP to this machine) or the token
   *     is blank
   */
  public GreenButtonFeed fetch(URI feed, String accessToken, Optional<Instant> updatedMin) {
    Objects.requireNonNull(accessToken, "accessToken");
    if (accessToken.isBlank()) {
      throw new IllegalArgumentException("the access token is blank; fetch with the customer's");
    }
    URI uri = withUpdatedMin(feed, updatedMin);
    String url = shown(uri);
    checkScheme(uri, url);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(timeout)
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/atom+xml")
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw unavailable(url, "did not answer within " + seconds(timeout), e);
    } catch (ConnectException e) {
      throw unavailable(url, "refused the connection or could not be reached", e);
    } catch (IOException e) {
      throw unavailable(url, "failed before answering: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(url, "was not waited for: the fetch was interrupted", e);
    }
    try (InputStream body = response.body()) {
      checkStatus(response, url);
      return readBody(body, url, deadline);
    } catch (IOException e) {
      throw unavailable(url, "broke off its answer: " + e, e);
    }
  }

  private GreenButtonFeed readBody(InputStream body, String url, long deadline) throws IOException {
    AtomicBoolean timedOut = new AtomicBoolean();
    long left = Math.max(deadline - System.nanoTime(), 0);
    CompletableFuture<Void> watchdog =
        CompletableFuture.runAsync(
            () -> {
              timedOut.set(true);
              closeQuietly(body);
            },
            CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS));
    try {
      return reader.read(body);
    } catch (GreenButtonException e) {
      if (timedOut.get()) {
        throw unavailable(url, "did not send its whole answer within " + seconds(timeout), e);
      }
      throw new GreenButtonException(
          e.reason(), "the feed at " + url + " was refused: " + e.getMessage(), e);
    } catch (IOException e) {
      if (timedOut.get()) {
        throw unavailable(url, "did not send its whole answer within " + seconds(timeout), e);
      }
      throw e;
    } finally {
      watchdog.cancel(false); // not run once cancelled
    }
  }

  private static void checkStatus(HttpResponse<InputStream> response, String url) {
    int status = response.statusCode();
    if (status == 200 || status == 203) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.isEmpty() && !type.toLowerCase(Locale.ROOT).contains("xml")) {
        throw new GreenButtonException(
            GreenButtonException.Reason.MALFORMED,
            "the feed at "
                + url
                + " answered "
                + status
                + " with "
                + type
                + ", not an Atom feed (application/atom+xml); check the URL is the data"
                + " custodian's ESPI resource");
      }
      return;
    }
    if (status == 204) {
      throw new GreenButtonException(
          GreenButtonException.Reason.EMPTY,
          "the feed at " + url + " answered 204: no content, nothing new since updated-min");
    }
    if (status == 401 || status == 403) {
      throw new GreenButtonException(
          GreenButtonException.Reason.UNAUTHORIZED,
          "the feed at "
              + url
              + " answered "
              + status
              + ": the data custodian refused the access token (expired, revoked, or not for this"
              + " resource); refresh it, or ask the customer to authorise OpenVPP again");
    }
    if (status >= 500) {
      String retry =
          response.headers().firstValue("Retry-After").map(s -> ", retry after " + s).orElse("");
      throw new GreenButtonException(
          GreenButtonException.Reason.UNAVAILABLE,
          "the feed at "
              + url
              + " answered "
              + status
              + ": the data custodian failed or is unavailable; try again later"
              + retry);
    }
    throw new GreenButtonException(
        GreenButtonException.Reason.REJECTED,
        "the feed at "
            + url
            + " answered "
            + status
            + "; the data custodian refused the request: check the URL (a Batch/Subscription or"
            + " UsagePoint resource) and its parameters");
  }

  private static URI withUpdatedMin(URI feed, Optional<Instant> updatedMin) {
    Objects.requireNonNull(feed, "feed");
    if (updatedMin.isEmpty()) {
      return feed;
    }
    String value =
        URLEncoder.encode(
            updatedMin.get().truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
    String s = feed.toString();
    int fragment = s.indexOf('#');
    String head = fragment < 0 ? s : s.substring(0, fragment);
    String tail = fragment < 0 ? "" : s.substring(fragment);
    String joined = head + (feed.getRawQuery() == null ? "?" : "&") + "updated-min=" + value + tail;
    try {
      return new URI(joined);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot add updated-min to " + shown(feed), e);
    }
  }

  private static void checkScheme(URI uri, String url) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost()))) {
      return;
    }
    throw new IllegalArgumentException(
        "the feed's URL "
            + url
            + " is not HTTPS; the access token travels with the request, so a Connect feed is"
            + " fetched over HTTPS (plain HTTP only to this machine, for tests)");
  }

  private static boolean loopback(@Nullable String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name: never resolved here
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL as messages show it: without user information. */
  private static String shown(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }

  private static GreenButtonException unavailable(String url, String what, Exception cause) {
    return new GreenButtonException(
        GreenButtonException.Reason.UNAVAILABLE,
        "the feed at " + url + " " + what + "; try again later",
        cause);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the read it ends reports the failure
    }
  }
}
