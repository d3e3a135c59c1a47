package org.openvpp.server.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every change made through the API: who, when, what, and how it ended. Append-only; kept in {@link
 * Records}: in memory ({@link #AuditLog()}), or in the platform's database, where the table refuses
 * updates and deletes and the log outlives a restart.
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

  /** Where entries are kept beyond this object: written before {@link #append} returns. */
  public interface Records {
    /** Every entry kept, oldest first. */
    List<Entry> all();

    void append(Entry e);

    /** Nothing kept beyond memory. */
    Records NONE =
        new Records() {
          @Override
          public List<Entry> all() {
            return List.of();
          }

          @Override
          public void append(Entry e) {}
        };
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Records records;

  /** An audit log in memory only. */
  public AuditLog() {
    this(Records.NONE);
  }

  /** The log kept in {@code records}, every new entry written there first. */
  public AuditLog(Records records) {
    this.records = Objects.requireNonNull(records, "records");
    entries.addAll(records.all());
  }

  public synchronized void append(Entry e) {
    records.append(Objects.requireNonNull(e, "e"));
    entries.add(e);
  }

  /** Every entry, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
