package org.openvpp.openadr.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a subscription's callback URL before the VTN accepts it, as the Definition's "Webhooks"
 * section asks: the URL must be HTTPS, and must answer a {@code GET} carrying a random {@code echo}
 * query parameter with 200 and a body holding that value. When {@code strict}, a URL whose host
 * resolves to a loopback, private, link-local, wildcard or multicast address is refused too (the
 * Definition's advice against server-side request forgery); tests and a VTN on one's own machine
 * turn strictness off, which also allows plain HTTP. Redirects are not followed. The address check
 * happens once, here: a host that resolves elsewhere later is not caught. Thread-safe.
 */
public final class CallbackVerifier {

  private final boolean strict;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http;

  public CallbackVerifier(boolean strict, Duration timeout) {
    this.strict = strict;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Why {@code callback} is refused, or empty when it passed. */
  public Optional<String> refusal(URI callback) {
    String scheme = Optional.ofNullable(callback.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    String host = Optional.ofNullable(callback.getHost()).orElse("");
    if (host.isEmpty() || !(scheme.equals("https") || (!strict && scheme.equals("http")))) {
      return Optional.of("the callback URL " + callback + " must be an https URL with a host");
    }
    if (strict) {
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          if (a.isLoopbackAddress()
              || a.isSiteLocalAddress()
              || a.isLinkLocalAddress()
              || a.isAnyLocalAddress()
              || a.isMulticastAddress()) {
            return Optional.of(
                "the callback URL " + callback + " resolves to a private address (" + a + ")");
          }
        }
      } catch (UnknownHostException e) {
        return Optional.of("the callback URL's host " + host + " does not resolve");
      }
    }
    byte[] b = new byte[18];
    random.nextBytes(b);
    String echo = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    String query = "echo=" + URLEncoder.encode(echo, StandardCharsets.UTF_8);
    URI challenge = URI.create(callback + (callback.getRawQuery() == null ? "?" : "&") + query);
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(challenge).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().contains(echo)) {
        return Optional.of(
            "the callback URL "
                + callback
                + " did not echo the challenge (a GET with ?echo=... must answer 200 with the value"
                + " in its body; it answered "
                + r.statusCode()
                + ")");
      }
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("the callback URL " + callback + " could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking the callback URL " + callback);
    }
  }
}
