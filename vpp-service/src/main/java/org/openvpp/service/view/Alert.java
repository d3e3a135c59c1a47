package org.openvpp.service.view;

import java.time.Instant;
import java.util.Objects;

/**
 * A part of the service that failed and fell back, as operators see it on {@code /health} and in
 * the metrics: the service goes on, in a lesser way, until the part works again.
 *
 * @param source what failed, such as {@code planner of program bat-1}
 * @param fallback what the service does instead
 * @param message the last failure's reason
 * @param since the first failure of this spell
 * @param last the latest failure
 * @param count failures in this spell
 */
public record Alert(
    String source, String fallback, String message, Instant since, Instant last, long count) {
  public Alert {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(last, "last");
  }
}
