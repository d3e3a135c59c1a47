package org.openvpp.service.fleet;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.Thermostat;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Temperature;

/**
 * A customer's preferences for their devices (a battery's backup reserve, a thermostat's comfort
 * band, an EV's ready-by time), on their way to the twins: a request thread submits and waits for
 * the outcome; the control loop applies what waits at the start of its next step, on its own
 * thread, under the twins' rules (a reserve beyond the battery, a band too narrow, a preference the
 * device has not: refused, nothing changed). Accepted preferences are kept in {@link
 * PreferenceRecords} and applied again to a device whenever it registers (after a restart, or when
 * it first connects after its customer set them).
 *
 * <p>Threads: {@link #submit} on any; {@link #apply} and {@link #registered} on the control loop's.
 */
public final class PreferenceDesk {

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

    /** These preferences over {@code before}: what is given here wins. */
    Preferences over(Preferences before) {
      return new Preferences(
          reserveKwh.or(before::reserveKwh),
          comfortLowC.isPresent() ? comfortLowC : before.comfortLowC(),
          comfortHighC.isPresent() ? comfortHighC : before.comfortHighC(),
          readyBy.or(before::readyBy));
    }
  }

  /** Where accepted preferences are kept across restarts. */
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

  private record Asked(String deviceId, Preferences preferences, CompletableFuture<Instant> done) {}

  private final Queue<Asked> waiting = new ConcurrentLinkedQueue<>();
  private final PreferenceRecords records;
  private final Map<String, Preferences> kept = new HashMap<>();
  private final List<String> notRestored = new ArrayList<>();
  private volatile boolean closed;

  public PreferenceDesk(PreferenceRecords records) {
    this.records = Objects.requireNonNull(records, "records");
    kept.putAll(records.all());
  }

  /**
   * Asks the control loop to set {@code deviceId}'s preferences; completes with when they were
   * applied, or exceptionally with an {@link IllegalArgumentException} saying what the twin
   * refused, or an {@link IllegalStateException} once the service stops.
   */
  public CompletableFuture<Instant> submit(String deviceId, Preferences preferences) {
    CompletableFuture<Instant> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("the service is stopping"));
      return done;
    }
    waiting.add(new Asked(deviceId, preferences, done));
    return done;
  }

  /** Applies what waits; returns whether anything changed. */
  public boolean apply(Instant now, TwinStore twins) {
    boolean changed = false;
    for (Asked a; (a = waiting.poll()) != null; ) {
      try {
        applyTo(a.deviceId(), a.preferences(), twins);
        Preferences before = kept.get(a.deviceId());
        Preferences merged = before == null ? a.preferences() : a.preferences().over(before);
        records.save(a.deviceId(), merged, now);
        kept.put(a.deviceId(), merged);
        a.done().complete(now);
        changed = true;
      } catch (IllegalArgumentException | IllegalStateException e) {
        a.done().completeExceptionally(e);
      }
    }
    return changed;
  }

  /** A device registered: applies what its customer set before, if anything. */
  public void registered(int ordinal, TwinStore twins) {
    String id = twins.device(ordinal).id().value();
    Preferences p = kept.get(id);
    if (p == null) {
      return;
    }
    try {
      applyTo(id, p, twins);
    } catch (IllegalArgumentException e) {
      notRestored.add(id + ": " + e.getMessage());
    }
  }

  /** Kept preferences a device refused when it registered, each with why. */
  public List<String> notRestored() {
    return List.copyOf(notRestored);
  }

  /** The service stops: refuses what waits and what comes. */
  public void close() {
    closed = true;
    for (Asked a; (a = waiting.poll()) != null; ) {
      a.done().completeExceptionally(new IllegalStateException("the service is stopping"));
    }
  }

  private static void applyTo(String deviceId, Preferences x, TwinStore twins) {
    int d =
        twins
            .ordinalOf(DeviceId.of(deviceId))
            .orElseThrow(() -> new IllegalArgumentException("no device " + deviceId));
    // Check every preference before changing any, so a refused request changes nothing.
    x.reserveKwh().ifPresent(kwh -> deviceIs(twins, d, Battery.class, "reserve"));
    x.comfortLowC().ifPresent(c -> deviceIs(twins, d, Thermostat.class, "comfort band"));
    x.readyBy().ifPresent(t -> deviceIs(twins, d, EvCharger.class, "ready-by time"));
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
}
