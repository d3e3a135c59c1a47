package org.openvpp.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every command sent to a device, its acknowledgement, its retries and its outcome: the command
 * path's memory and its audit trail.
 *
 * <p>Lifecycle of an entry: {@code PENDING} when issued; {@code ACCEPTED}, {@code REJECTED} or
 * {@code SUPERSEDED} when the device acknowledges; {@code EXPIRED} when it was never acknowledged
 * before its expiry (the device, if it got it, has returned to its autonomous mode by then). A
 * pending command is sent again after {@code firstRetry}, then after each wait times {@code
 * backoff} (capped at {@code maxRetry}), as long as it has not expired. An acknowledgement for an
 * unknown id, or for a command already settled, changes nothing and says so.
 *
 * <p>Entries are kept (never rewritten once settled) until {@link #forgetBefore} drops those that
 * ended before a time (a long-running service forgets what settled more than an hour ago); the
 * counts of each outcome ({@link #count}, {@link #issued}) cover every command ever issued. Moving
 * time ({@link #due}) looks at the pending commands only.
 *
 * <p>Threads: confined to the dispatcher's thread.
 */
public final class CommandLedger {

  /** Where a command stands. */
  public enum State {
    PENDING,
    ACCEPTED,
    REJECTED,
    SUPERSEDED,
    EXPIRED
  }

  /** What a device said of a command. */
  public enum AckStatus {
    ACCEPTED,
    REJECTED,
    SUPERSEDED,
    EXPIRED
  }

  /** What became of an acknowledgement. */
  public enum AckOutcome {
    RECORDED,
    UNKNOWN_COMMAND,
    ALREADY_SETTLED
  }

  /**
   * One command's record.
   *
   * @param id the command's id ({@code c-} and its sequence)
   * @param command the command
   * @param state where it stands
   * @param attempts how many times it was sent
   * @param settled when it left {@code PENDING}, if it has
   * @param reason what the device said when rejecting, if anything
   */
  public record Entry(
      String id,
      Command command,
      State state,
      int attempts,
      Optional<Instant> settled,
      Optional<String> reason) {}

  private final Duration firstRetry;
  private final double backoff;
  private final Duration maxRetry;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Instant> nextSend = new HashMap<>();
  private final Map<String, Duration> wait = new HashMap<>();
  private final java.util.LinkedHashSet<String> pending = new java.util.LinkedHashSet<>();
  private final java.util.EnumMap<State, Long> settledCounts = new java.util.EnumMap<>(State.class);
  private long issued;

  /**
   * @param firstRetry how long to wait for an acknowledgement before sending again
   * @param backoff factor by which each later wait grows, at least 1
   * @param maxRetry the longest wait
   */
  public CommandLedger(Duration firstRetry, double backoff, Duration maxRetry) {
    if (firstRetry.isNegative() || firstRetry.isZero()) {
      throw new IllegalArgumentException("firstRetry must be positive, was " + firstRetry);
    }
    if (!(backoff >= 1)) {
      throw new IllegalArgumentException("backoff must be at least 1, was " + backoff);
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry " + maxRetry + " is shorter than " + firstRetry);
    }
    this.firstRetry = firstRetry;
    this.backoff = backoff;
    this.maxRetry = maxRetry;
  }

  /** The id of a command: {@code c-} and its sequence. */
  public static String idOf(Command c) {
    return "c-" + c.sequence();
  }

  /** Records a command as sent now; returns its id. */
  public String issue(Command c, Instant now) {
    String id = idOf(c);
    if (entries.containsKey(id)) {
      throw new IllegalArgumentException("command " + id + " was issued already");
    }
    entries.put(id, new Entry(id, c, State.PENDING, 1, Optional.empty(), Optional.empty()));
    pending.add(id);
    issued++;
    nextSend.put(id, now.plus(firstRetry));
    wait.put(id, firstRetry);
    return id;
  }

  /** Records a device's acknowledgement of command {@code id}. */
  public AckOutcome acknowledge(String id, AckStatus status, Optional<String> reason, Instant now) {
    Entry e = entries.get(id);
    if (e == null) {
      return AckOutcome.UNKNOWN_COMMAND;
    }
    if (e.state() != State.PENDING) {
      return AckOutcome.ALREADY_SETTLED;
    }
    State s =
        switch (status) {
          case ACCEPTED -> State.ACCEPTED;
          case REJECTED -> State.REJECTED;
          case SUPERSEDED -> State.SUPERSEDED;
          case EXPIRED -> State.EXPIRED;
        };
    settle(e, s, now, reason);
    return AckOutcome.RECORDED;
  }

  /**
   * Moves time to {@code now}: pending commands past their expiry become {@code EXPIRED}; the
   * others whose wait is over are returned to be sent again, and their next wait grows.
   */
  public List<Command> due(Instant now) {
    List<Command> resend = new ArrayList<>();
    for (String id : List.copyOf(pending)) {
      Entry e = entries.get(id);
      if (e == null || e.state() != State.PENDING) {
        continue;
      }
      if (!now.isBefore(e.command().expires())) {
        settle(e, State.EXPIRED, now, Optional.of("not acknowledged before it expired"));
        continue;
      }
      Instant at = nextSend.get(e.id());
      if (at != null && !now.isBefore(at)) {
        Duration w = wait.getOrDefault(e.id(), firstRetry);
        Duration next =
            Duration.ofNanos(
                (long) Math.min((double) w.toNanos() * backoff, (double) maxRetry.toNanos()));
        wait.put(e.id(), next);
        nextSend.put(e.id(), now.plus(next));
        entries.put(
            e.id(),
            new Entry(
                e.id(), e.command(), State.PENDING, e.attempts() + 1, e.settled(), e.reason()));
        resend.add(e.command());
      }
    }
    resend.sort(java.util.Comparator.comparingLong(Command::sequence));
    return resend;
  }

  private void settle(Entry e, State s, Instant now, Optional<String> reason) {
    entries.put(e.id(), new Entry(e.id(), e.command(), s, e.attempts(), Optional.of(now), reason));
    pending.remove(e.id());
    settledCounts.merge(s, 1L, Long::sum);
    nextSend.remove(e.id());
    wait.remove(e.id());
  }

  /** The record of command {@code id}. */
  public Optional<Entry> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Every record, in the order the commands were issued. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>(entries.values());
    all.sort(java.util.Comparator.comparingLong(e -> e.command().sequence()));
    return all;
  }

  /** How many commands stand in {@code state}: pending now, or settled so (ever). */
  public long count(State state) {
    return state == State.PENDING ? pending.size() : settledCounts.getOrDefault(state, 0L);
  }

  /** How many commands were ever issued. */
  public long issued() {
    return issued;
  }

  /** Drops settled records that ended before {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    int before = entries.size();
    entries
        .values()
        .removeIf(
            e ->
                e.state() != State.PENDING
                    && e.settled().map(t -> t.isBefore(cutoff)).orElse(false));
    return before - entries.size();
  }

  @Override
  public String toString() {
    return "CommandLedger[" + entries.size() + " commands, " + count(State.PENDING) + " pending]";
  }
}
