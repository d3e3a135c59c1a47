package org.openvpp.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows password guessing: after {@code limit} failed logins of one name within {@code window},
 * that name may not try again until the oldest of them is older than the window. A success clears
 * the name's failures. Per name, not per address, so guessing one account from many addresses is
 * slowed as much; the price is that a stranger can hold an account's logins off for a window (which
 * the person sees as a 429 that says when to try again).
 *
 * <p>At most {@code MAX_NAMES} names are remembered (the least recently failed are forgotten), so a
 * flood of made-up names cannot exhaust memory.
 *
 * <p>Threads: safe for concurrent use.
 */
public final class LoginThrottle {
  private static final int MAX_NAMES = 10_000;

  private final int limit;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_NAMES;
        }
      };

  /**
   * @throws IllegalArgumentException for a limit under 1 or a window not positive
   */
  public LoginThrottle(int limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.limit = limit;
    this.window = Objects.requireNonNull(window, "window");
  }

  /** Five failures in fifteen minutes. */
  public static LoginThrottle standard() {
    return new LoginThrottle(5, Duration.ofMinutes(15));
  }

  /** How long {@code name} must wait before trying again at {@code now}; empty if it may try. */
  public synchronized Optional<Duration> wait(String name, Instant now) {
    Deque<Instant> f = failures.get(name);
    if (f == null) {
      return Optional.empty();
    }
    while (!f.isEmpty() && !f.peekFirst().plus(window).isAfter(now)) {
      f.removeFirst();
    }
    if (f.size() < limit) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, f.peekFirst().plus(window)));
  }

  /** A failed attempt of {@code name} at {@code now}. */
  public synchronized void failed(String name, Instant now) {
    failures.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(now);
  }

  /** A successful login of {@code name}: its failures are forgotten. */
  public synchronized void succeeded(String name) {
    failures.remove(name);
  }
}
