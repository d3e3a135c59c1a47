package org.openvpp.service.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.program.Site;
import org.openvpp.service.register.Register;
import org.openvpp.time.Interval;

/**
 * Where every meter reading comes in, whatever brought it (a site meter or a device cloud over the
 * device protocol, a Green Button file or Connect feed): each reading is judged and kept in the
 * {@link MeterHistory}, or refused with its reason.
 *
 * <p><b>Rules</b>, in order: a reading whose interval ends more than {@link #AHEAD} after the
 * service's present is {@code FUTURE}; one of a meter no site in the register has is {@code
 * UNKNOWN_METER}; one of a site whose customer has no consent in force that lets OpenVPP read its
 * meter data is {@code NO_CONSENT}; the history then keeps it ({@code ACCEPTED}) or finds it held
 * already ({@code DUPLICATE}: the first reading of an interval wins). A refused reading changes
 * nothing; the others of the same batch are kept.
 *
 * <p>Those who measure are told of every batch kept ({@link #onArrival}): a reading that arrives
 * after an event was measured measures it again.
 *
 * <p>Threads: any (the register is thread-safe; writes to the history take turns); the counters are
 * atomic.
 */
public final class MeterDesk {
  /** How far past the service's present an interval may end (meters' clocks drift). */
  public static final Duration AHEAD = Duration.ofMinutes(5);

  /**
   * Readings of one meter kept in one batch.
   *
   * @param meterId the meter
   * @param siteId its site
   * @param span from the first kept interval's start to the last one's end
   * @param count how many
   * @param receivedAt when they arrived
   */
  public record Arrival(
      String meterId, String siteId, Interval span, int count, Instant receivedAt) {}

  private final Register register;
  private final MeterHistory history;
  private final InstantSource clock;
  private final Map<ReadingVerdict, LongAdder> counts = new EnumMap<>(ReadingVerdict.class);
  private final List<Consumer<Arrival>> listeners = new CopyOnWriteArrayList<>();
  private final Object writing = new Object();

  public MeterDesk(Register register, MeterHistory history, InstantSource clock) {
    this.register = Objects.requireNonNull(register, "register");
    this.history = Objects.requireNonNull(history, "history");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (ReadingVerdict v : ReadingVerdict.values()) {
      counts.put(v, new LongAdder());
    }
  }

  /** Tells {@code listener} of every batch of readings kept, on the thread that offered them. */
  public void onArrival(Consumer<Arrival> listener) {
    listeners.add(listener);
  }

  /** The history readings are kept in. */
  public MeterHistory history() {
    return history;
  }

  /**
   * Judges and keeps {@code readings}, received now.
   *
   * @return one verdict per reading, in order
   */
  public List<ReadingVerdict> offer(List<MeterReading> readings) {
    Instant now = clock.instant();
    ReadingVerdict[] verdicts = new ReadingVerdict[readings.size()];
    List<MeterReading> keep = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    Map<String, Boolean> allowed = new java.util.HashMap<>();
    Map<String, Site> sites = new java.util.HashMap<>();
    Instant limit = now.plus(AHEAD);
    for (int i = 0; i < readings.size(); i++) {
      MeterReading r = readings.get(i);
      if (r.end().isAfter(limit)) {
        verdicts[i] = ReadingVerdict.FUTURE;
        continue;
      }
      Site site = sites.computeIfAbsent(r.meterId(), m -> register.siteOfMeter(m).orElse(null));
      if (site == null) {
        verdicts[i] = ReadingVerdict.UNKNOWN_METER;
        continue;
      }
      if (!allowed.computeIfAbsent(r.meterId(), m -> register.meterDataAllowed(m, now))) {
        verdicts[i] = ReadingVerdict.NO_CONSENT;
        continue;
      }
      keep.add(r);
      at.add(i);
    }
    if (!keep.isEmpty()) {
      List<ReadingVerdict> kept;
      // the history's check-then-insert wants one writer: the broker's and the API's threads
      // take turns, so a reading told ACCEPTED is the one stored
      synchronized (writing) {
        kept = history.keep(keep, now);
      }
      Map<String, Instant[]> spans = new java.util.LinkedHashMap<>();
      Map<String, Integer> count = new java.util.HashMap<>();
      for (int k = 0; k < kept.size(); k++) {
        verdicts[at.get(k)] = kept.get(k);
        if (kept.get(k) == ReadingVerdict.ACCEPTED) {
          MeterReading r = keep.get(k);
          Instant[] span =
              spans.computeIfAbsent(r.meterId(), m -> new Instant[] {r.start(), r.end()});
          span[0] = r.start().isBefore(span[0]) ? r.start() : span[0];
          span[1] = r.end().isAfter(span[1]) ? r.end() : span[1];
          count.merge(r.meterId(), 1, Integer::sum);
        }
      }
      for (Map.Entry<String, Instant[]> e : spans.entrySet()) {
        Site site = Objects.requireNonNull(sites.get(e.getKey()));
        Arrival a =
            new Arrival(
                e.getKey(),
                site.id(),
                new Interval(e.getValue()[0], e.getValue()[1]),
                count.getOrDefault(e.getKey(), 0),
                now);
        for (Consumer<Arrival> l : listeners) {
          l.accept(a);
        }
      }
    }
    for (ReadingVerdict v : verdicts) {
      Objects.requireNonNull(counts.get(v)).increment();
    }
    return List.of(verdicts);
  }

  /** Readings judged so far, by verdict. */
  public Map<ReadingVerdict, Long> counts() {
    Map<ReadingVerdict, Long> out = new EnumMap<>(ReadingVerdict.class);
    for (ReadingVerdict v : ReadingVerdict.values()) {
      out.put(v, Objects.requireNonNull(counts.get(v)).sum());
    }
    return out;
  }
}
