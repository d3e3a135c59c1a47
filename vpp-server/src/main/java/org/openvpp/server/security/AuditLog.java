package org.openvpp.server.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every change made through the API: who, when, what, and how it ended. Append-only; in memory for
 * now (the store module will keep it).
 *
 * <p>Threads: safe for concurrent use.
 */
public final class AuditLog {

  /**
   * One change.
   *
   * @param at when it was asked
   * @param subject who asked (user name or client id)
   * @param role in which role
   * @param action what, e.g. {@code event.opt-out}
   * @param target on what, e.g. the event and site
   * @param outcome {@code done} or why it was refused
   */
  public record Entry(
      Instant at, String subject, Role role, String action, String target, String outcome) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void append(Entry e) {
    entries.add(Objects.requireNonNull(e, "e"));
  }

  /** Every entry, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
