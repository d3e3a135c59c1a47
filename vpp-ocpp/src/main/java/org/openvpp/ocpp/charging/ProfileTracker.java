package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openvpp.ocpp.rpc.Statuses;
import org.openvpp.ocpp.server.CallOutcome;
import org.openvpp.ocpp.server.ChargerSession;

/**
 * Sends the VPP's limits to chargers as SetChargingProfile and keeps what became of each, with
 * counts, as the command path keeps its acknowledgements.
 *
 * <p>Design note. A profile sent is {@code PENDING} until its CALL settles: {@code ACCEPTED} when
 * the charger answers Accepted; {@code REJECTED} when it answers Rejected or NotSupported, or
 * refuses the CALL with a CALLERROR (the reason says which); {@code TIMED_OUT} when no answer came
 * in the central system's call timeout; {@code CLOSED} when the connection closed first. A timed
 * out or closed profile may still have reached the charger; it then lapses at its {@code validTo}
 * like any other, which is why every profile has one. Before sending, the profile's {@code validTo}
 * is checked against the {@link Clock}: it must be in the future and at most {@code maxValidity}
 * ahead, so that nothing the VPP sends can curtail a charger for long after the VPP goes silent. No
 * retries here: the caller decides whether to send again (usually with fresh limits). Entries are
 * kept, never rewritten once settled, until {@link #forgetBefore}; the counts cover every profile
 * ever sent. Times of sending and settling are the clock's.
 *
 * <p>Threads: thread-safe; answers settle entries on the connections' threads or the timeout timer.
 */
public final class ProfileTracker {

  /** Where a profile sent stands. */
  public enum State {
    PENDING,
    ACCEPTED,
    REJECTED,
    TIMED_OUT,
    CLOSED
  }

  /**
   * One profile sent.
   *
   * @param id the tracker's id for this sending ({@code p-} and a sequence); a profile sent twice
   *     has two
   * @param charger the charge point's identity
   * @param profile what was sent
   * @param state where it stands
   * @param sent when it was sent, by the clock
   * @param settled when it left {@code PENDING}, if it has
   * @param reason why it was not accepted, if it was not
   */
  public record Entry(
      String id,
      String charger,
      LimitProfile profile,
      State state,
      Instant sent,
      Optional<Instant> settled,
      Optional<String> reason) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(charger, "charger");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(settled, "settled");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Clock clock;
  private final Duration maxValidity;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(); // guarded by this; in order sent
  private final Map<State, Long> counts = new EnumMap<>(State.class); // guarded by this
  private long sequence; // guarded by this; ids are unique, not dense

  /**
   * @param clock the service's clock: checks {@code validTo}, stamps sending and settling
   * @param maxValidity how far ahead of now a profile's {@code validTo} may be; positive
   */
  public ProfileTracker(Clock clock, Duration maxValidity) {
    if (maxValidity.isNegative() || maxValidity.isZero()) {
      throw new IllegalArgumentException("maxValidity must be positive, not " + maxValidity);
    }
    this.clock = clock;
    this.maxValidity = maxValidity;
  }

  /**
   * Sends {@code profile} to {@code charger} and tracks it. The future completes with the settled
   * entry, never exceptionally.
   *
   * @throws IllegalArgumentException when the profile has lapsed or would lapse more than {@code
   *     maxValidity} from now, or cannot be written for the charger's version (a 1.6 transaction id
   *     that is not an integer); nothing is sent then
   */
  public CompletableFuture<Entry> send(ChargerSession charger, LimitProfile profile) {
    Instant now = clock.instant();
    if (!profile.validTo().isAfter(now)) {
      throw new IllegalArgumentException(
          "profile " + profile.id() + " lapsed at " + profile.validTo() + ", before now " + now);
    }
    if (profile.validTo().isAfter(now.plus(maxValidity))) {
      throw new IllegalArgumentException(
          "profile "
              + profile.id()
              + " would hold until "
              + profile.validTo()
              + ", more than "
              + maxValidity
              + " from now "
              + now
              + "; send a nearer validTo and renew it");
    }
    ObjectNode payload = ChargingMessages.setChargingProfile(charger.version(), profile);
    String id;
    synchronized (this) {
      id = "p-" + ++sequence;
      entries.put(
          id,
          new Entry(
              id,
              charger.identity(),
              profile,
              State.PENDING,
              now,
              Optional.empty(),
              Optional.empty()));
      counts.merge(State.PENDING, 1L, Long::sum);
    }
    CompletableFuture<CallOutcome> outcome;
    try {
      outcome = charger.call(ChargingMessages.SET_CHARGING_PROFILE, payload);
    } catch (IllegalArgumentException e) {
      // A fault of ours (the payload broke its schema): it was never sent. Its id stays spent.
      synchronized (this) {
        entries.remove(id);
        counts.merge(State.PENDING, -1L, Long::sum);
      }
      throw e;
    }
    return outcome.thenApply(o -> settle(id, o));
  }

  private Entry settle(String id, CallOutcome outcome) {
    State state;
    Optional<String> reason;
    switch (outcome) {
      case CallOutcome.Answered a -> {
        String status = a.payload().path("status").asText();
        state = status.equals("Accepted") ? State.ACCEPTED : State.REJECTED;
        reason =
            state == State.ACCEPTED
                ? Optional.empty()
                : Optional.of(Statuses.reason(status, a.payload().path("statusInfo")));
      }
      case CallOutcome.Refused r -> {
        state = State.REJECTED;
        reason = outcome.failure();
      }
      case CallOutcome.TimedOut t -> {
        state = State.TIMED_OUT;
        reason = outcome.failure().map(f -> f + "; the charger may hold it until its validTo");
      }
      case CallOutcome.Closed c -> {
        state = State.CLOSED;
        reason = outcome.failure();
      }
    }
    Instant now = clock.instant();
    synchronized (this) {
      Entry e = Objects.requireNonNull(entries.get(id), "an entry is kept until settled");
      Entry done =
          new Entry(e.id(), e.charger(), e.profile(), state, e.sent(), Optional.of(now), reason);
      entries.put(id, done);
      counts.merge(State.PENDING, -1L, Long::sum);
      counts.merge(state, 1L, Long::sum);
      return done;
    }
  }

  /** The entry {@code id}, if it is kept. */
  public synchronized Optional<Entry> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Every entry kept, in the order sent. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** How many profiles stand in {@code state}: pending now, or settled so (ever). */
  public synchronized long count(State state) {
    return counts.getOrDefault(state, 0L);
  }

  /** How many profiles were ever sent. */
  public synchronized long sent() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Drops the settled entries that settled before {@code cutoff}; returns how many. */
  public synchronized int forgetBefore(Instant cutoff) {
    int before = entries.size();
    entries
        .values()
        .removeIf(
            e ->
                e.state() != State.PENDING
                    && e.settled().map(t -> t.isBefore(cutoff)).orElse(false));
    return before - entries.size();
  }
}
