package org.openvpp.server.api;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openvpp.device.DeviceId;
import org.openvpp.program.EventBook;
import org.openvpp.program.ProgramException;
import org.openvpp.server.run.RunRequests;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Temperature;

/**
 * The API's changes on their way to the run: a request thread submits one and waits for its
 * outcome; the run applies every waiting one at the start of its next step, on its own thread. Once
 * the run has ended ({@link #close}) nothing more is taken.
 *
 * <p>Threads: {@link #optOut} on any thread, {@link #apply} on the run's.
 */
public final class ApiInbox implements RunRequests {

  /** A change waiting to be applied, and where its outcome goes. */
  private sealed interface Asked
      permits OptOutAsked, PreferencesAsked, RevocationAsked, WithdrawalAsked {
    CompletableFuture<Instant> done();
  }

  private record OptOutAsked(String eventId, String siteId, CompletableFuture<Instant> done)
      implements Asked {}

  private record RevocationAsked(String consentId, CompletableFuture<Instant> done)
      implements Asked {}

  private record WithdrawalAsked(String enrolmentId, CompletableFuture<Instant> done)
      implements Asked {}

  private record PreferencesAsked(
      String deviceId, Preferences preferences, CompletableFuture<Instant> done) implements Asked {}

  /**
   * A customer's preferences for one device; each is changed only when given.
   *
   * @param reserveKwh a battery's backup reserve: the VPP never discharges it below this
   * @param comfortLowC a thermostat's comfort band, lower edge (with the upper)
   * @param comfortHighC a thermostat's comfort band, upper edge (with the lower)
   * @param readyBy when an EV should be charged by, local time of day
   */
  public record Preferences(
      Optional<Double> reserveKwh,
      Optional<Double> comfortLowC,
      Optional<Double> comfortHighC,
      Optional<LocalTime> readyBy) {
    public Preferences {
      Objects.requireNonNull(reserveKwh, "reserveKwh");
      Objects.requireNonNull(comfortLowC, "comfortLowC");
      Objects.requireNonNull(comfortHighC, "comfortHighC");
      Objects.requireNonNull(readyBy, "readyBy");
      if (comfortLowC.isPresent() != comfortHighC.isPresent()) {
        throw new IllegalArgumentException(
            "a comfort band needs both comfortLowC and comfortHighC");
      }
      if (reserveKwh.isEmpty() && comfortLowC.isEmpty() && readyBy.isEmpty()) {
        throw new IllegalArgumentException(
            "give at least one of reserveKwh, comfortLowC with comfortHighC, readyBy");
      }
    }
  }

  /**
   * Where accepted preferences are kept beyond the run: a later run (after a restart, say) starts
   * with them.
   */
  public interface PreferenceRecords {
    /** Every device's kept preferences, by device id. */
    Map<String, Preferences> all();

    /** Keeps {@code merged} as the preferences of {@code deviceId}, set at {@code at}. */
    void save(String deviceId, Preferences merged, Instant at);

    /** Keeps nothing. */
    PreferenceRecords NONE =
        new PreferenceRecords() {
          @Override
          public Map<String, Preferences> all() {
            return Map.of();
          }

          @Override
          public void save(String deviceId, Preferences merged, Instant at) {}
        };
  }

  private final Queue<Asked> waiting = new ConcurrentLinkedQueue<>();
  private final PreferenceRecords records;
  private volatile boolean closed;
  // Touched on the run's thread only.
  private boolean restored;
  // What the records hold, read once at the first step and kept up to date with every save.
  private final Map<String, Preferences> kept = new java.util.HashMap<>();
  private int restoredCount;
  private final List<String> notRestored = new ArrayList<>();

  /** An inbox that keeps nothing beyond the run. */
  public ApiInbox() {
    this(PreferenceRecords.NONE);
  }

  /**
   * An inbox that keeps every accepted preference in {@code records} and, at the run's first step,
   * applies what they hold to the run's devices.
   */
  public ApiInbox(PreferenceRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /**
   * Asks the run to opt {@code siteId} out of {@code eventId}; completes with when it was applied,
   * or exceptionally with the {@link ProgramException} the event book refused it with, or with an
   * {@link IllegalStateException} when the run no longer takes requests.
   */
  public CompletableFuture<Instant> optOut(String eventId, String siteId) {
    CompletableFuture<Instant> done = new CompletableFuture<>();
    return submit(new OptOutAsked(eventId, siteId, done));
  }

  /**
   * Asks the run to set {@code deviceId}'s preferences; completes with when they were applied, or
   * exceptionally with an {@link IllegalArgumentException} saying what the twin refused (a reserve
   * beyond the battery, a band too narrow, a preference the device has not), or with an {@link
   * IllegalStateException} when the run no longer takes requests.
   */
  public CompletableFuture<Instant> preferences(String deviceId, Preferences preferences) {
    return submit(new PreferencesAsked(deviceId, preferences, new CompletableFuture<>()));
  }

  /**
   * Asks the run to revoke consent {@code consentId} (from the step that applies it: the devices it
   * covers leave the VPP's control and their meter data is no longer read); completes as {@link
   * #optOut} does, exceptionally with the register's {@link ProgramException} (an unknown or
   * already revoked consent).
   */
  public CompletableFuture<Instant> revokeConsent(String consentId) {
    return submit(new RevocationAsked(consentId, new CompletableFuture<>()));
  }

  /**
   * Asks the run to withdraw enrolment {@code enrolmentId} (the next on the program's waiting list
   * may take its place); completes as {@link #optOut} does.
   */
  public CompletableFuture<Instant> withdraw(String enrolmentId) {
    return submit(new WithdrawalAsked(enrolmentId, new CompletableFuture<>()));
  }

  private CompletableFuture<Instant> submit(Asked a) {
    if (closed) {
      a.done()
          .completeExceptionally(
              new IllegalStateException("the run is over; it takes no more changes"));
      return a.done();
    }
    waiting.add(a);
    synchronized (waiting) {
      waiting.notifyAll();
    }
    return a.done();
  }

  @Override
  public boolean apply(Instant now, EventBook book, TwinStore twins) {
    boolean changed = false;
    if (!restored) {
      restored = true;
      changed = restore(twins);
    }
    for (Asked a; (a = waiting.poll()) != null; ) {
      try {
        switch (a) {
          case OptOutAsked o -> book.optOut(o.eventId(), o.siteId(), now);
          case RevocationAsked r -> book.register().revokeConsent(r.consentId(), now);
          case WithdrawalAsked w -> book.register().withdraw(w.enrolmentId(), now);
          case PreferencesAsked p -> {
            apply(p.deviceId(), p.preferences(), twins);
            keep(p, now);
          }
        }
        a.done().complete(now);
        changed = true;
      } catch (ProgramException | IllegalArgumentException | IllegalStateException e) {
        a.done().completeExceptionally(e);
      }
    }
    return changed;
  }

  /** Applies the kept preferences of every device the run has; says whether any was. */
  private boolean restore(TwinStore twins) {
    kept.putAll(records.all());
    List<String> ids = new ArrayList<>(kept.keySet());
    java.util.Collections.sort(ids);
    for (String id : ids) {
      if (twins.ordinalOf(DeviceId.of(id)).isEmpty()) {
        continue; // a device of another fleet
      }
      try {
        apply(id, kept.get(id), twins);
        restoredCount++;
      } catch (IllegalArgumentException e) {
        notRestored.add(id + ": " + e.getMessage());
      }
    }
    return restoredCount > 0;
  }

  private void keep(PreferencesAsked p, Instant now) {
    Preferences before = kept.get(p.deviceId());
    Preferences x = p.preferences();
    Preferences merged =
        before == null
            ? x
            : new Preferences(
                x.reserveKwh().or(before::reserveKwh),
                x.comfortLowC().isPresent() ? x.comfortLowC() : before.comfortLowC(),
                x.comfortHighC().isPresent() ? x.comfortHighC() : before.comfortHighC(),
                x.readyBy().or(before::readyBy));
    try {
      records.save(p.deviceId(), merged, now);
      kept.put(p.deviceId(), merged);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the run took the preferences of "
              + p.deviceId()
              + " but they could not be kept for later runs: "
              + e.getMessage(),
          e);
    }
  }

  /** How many devices started the run with preferences kept from before. */
  public int restored() {
    return restoredCount;
  }

  /** Kept preferences the run's devices refused, each with why (a smaller battery, say). */
  public List<String> notRestored() {
    return List.copyOf(notRestored);
  }

  private static void apply(String deviceId, Preferences x, TwinStore twins) {
    int d =
        twins
            .ordinalOf(DeviceId.of(deviceId))
            .orElseThrow(() -> new IllegalArgumentException("no device " + deviceId));
    // Check every preference before changing any, so a refused request changes nothing.
    x.reserveKwh()
        .ifPresent(kwh -> deviceIs(twins, d, org.openvpp.device.Battery.class, "reserve"));
    x.comfortLowC()
        .ifPresent(c -> deviceIs(twins, d, org.openvpp.device.Thermostat.class, "comfort band"));
    x.readyBy()
        .ifPresent(t -> deviceIs(twins, d, org.openvpp.device.EvCharger.class, "ready-by time"));
    x.reserveKwh().ifPresent(kwh -> twins.setReserve(d, Energy.ofKilowattHours(kwh)));
    if (x.comfortLowC().isPresent() && x.comfortHighC().isPresent()) {
      twins.setComfortBand(
          d,
          Temperature.ofCelsius(x.comfortLowC().get()),
          Temperature.ofCelsius(x.comfortHighC().get()));
    }
    x.readyBy().ifPresent(t -> twins.setReadyBy(d, t));
  }

  private static void deviceIs(TwinStore twins, int d, Class<?> kind, String what) {
    if (!kind.isInstance(twins.device(d))) {
      throw new IllegalArgumentException(
          "device "
              + twins.device(d).id()
              + " is a "
              + twins.device(d).kind()
              + " and has no "
              + what);
    }
  }

  /** Changes waiting for the run. */
  public int waiting() {
    return waiting.size();
  }

  /**
   * Waits until at least {@code count} changes wait for the run, or {@code timeout} has passed: for
   * a caller that must know its changes are queued before the run goes on (a test that pauses the
   * run). Returns whether they are.
   */
  public boolean awaitWaiting(int count, java.time.Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (waiting) {
      while (waiting.size() < count) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(waiting, left);
      }
      return true;
    }
  }

  /** The run has ended: refuses what waits and what comes. */
  public void close() {
    closed = true;
    for (Asked a; (a = waiting.poll()) != null; ) {
      a.done()
          .completeExceptionally(
              new IllegalStateException("the run is over; it takes no more changes"));
    }
  }
}
