package org.openvpp.service.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openvpp.plan.Plan;
import org.openvpp.program.ProgramEvent;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;

/**
 * The hours of the day a battery program's baselines look at, so that trading keeps out of them:
 * for every event of the program that began in the last {@link #LOOK_BACK} (the CAISO 10-in-10's
 * look-back), the event's own hours (the reference days' load then becomes the baseline) and the
 * {@link #ADJUSTMENT} before it (the day-of adjustment compares the event day's load then with the
 * reference days'). On a day without an event of the program the batteries trade nothing in these
 * hours ({@link #rest}): they are released and do what they do without the VPP, so the VPP's
 * trading neither raises a baseline (charging from the grid when a baseline looks) nor lowers it
 * (discharging into the evening peak), and what the program promises against the baseline is what
 * the grid truly gets.
 *
 * <p>After each event of the program (ahead, on, or over less than {@link #RECOVERY} ago) the
 * batteries take nothing from the grid for {@link #RECOVERY}.
 *
 * <p>Quarter hours of the local day, whatever the event's date; an event near midnight covers the
 * hours on both sides of it. Immutable.
 */
final class BaselineHours {
  /** How far back events count: the 10-in-10's look-back. */
  static final Duration LOOK_BACK = Duration.ofDays(45);

  /** The day-of adjustment's window before an event (CAISO: hours −4 to −1). */
  static final Duration ADJUSTMENT = Duration.ofHours(4);

  private static final int SLOTS = 96;
  private static final int SLOT_MINUTES = 15;

  static final BaselineHours NONE = new BaselineHours(new BitSet(SLOTS), List.of());

  /** How long after an event the batteries take nothing from the grid (the rebound). */
  static final Duration RECOVERY = Duration.ofHours(3);

  private final BitSet slots;
  private final List<Interval> recovery;

  private BaselineHours(BitSet slots, List<Interval> recovery) {
    this.slots = slots;
    this.recovery = List.copyOf(recovery);
  }

  /** The hours of {@code programId}'s events that began within the look-back before {@code now}. */
  static BaselineHours of(
      Collection<ProgramEvent> events, String programId, Instant now, ZoneId zone) {
    BitSet slots = new BitSet(SLOTS);
    List<Interval> recovery = new ArrayList<>();
    Instant since = now.minus(LOOK_BACK);
    for (ProgramEvent e : events) {
      if (!e.programId().equals(programId)) {
        continue;
      }
      // the hours after it, for one ahead, on or just over (a cancelled one ended when cancelled)
      if (e.counts() || e.began()) {
        Instant end =
            e.state() == ProgramEvent.State.CANCELLED && e.stateSince().isBefore(e.window().end())
                ? e.stateSince()
                : e.window().end();
        if (end.plus(RECOVERY).isAfter(now)) {
          recovery.add(new Interval(end, end.plus(RECOVERY)));
        }
      }
      if (!e.began() || e.window().start().isBefore(since) || e.window().start().isAfter(now)) {
        continue;
      }
      Instant from = e.window().start().minus(ADJUSTMENT);
      for (Instant t = from; t.isBefore(e.window().end()); t = t.plus(Duration.ofMinutes(15))) {
        slots.set(slot(t, zone));
      }
    }
    return new BaselineHours(slots, recovery);
  }

  private static int slot(Instant t, ZoneId zone) {
    LocalTime local = t.atZone(zone).toLocalTime();
    return (local.getHour() * 60 + local.getMinute()) / SLOT_MINUTES;
  }

  boolean isEmpty() {
    return slots.isEmpty() && recovery.isEmpty();
  }

  /** Whether a baseline looks at the quarter hour {@code t} is in. */
  boolean covers(Instant t, ZoneId zone) {
    return slots.get(slot(t, zone));
  }

  /**
   * {@code plan} with a zero target (a release: the batteries on their own) in every interval these
   * hours cover on a day none of {@code eventDays} (local dates of the program's events ahead), and
   * instead of any charging in the {@link #RECOVERY} after an event: the batteries the event
   * emptied would otherwise all charge at once when it ends, a peak of their own (the rebound).
   */
  Plan rest(Plan plan, Set<LocalDate> eventDays, ZoneId zone) {
    if (isEmpty()) {
      return plan;
    }
    Horizon h = plan.horizon();
    double[] kw = new double[h.count()];
    boolean changed = false;
    for (int k = 0; k < h.count(); k++) {
      Instant t = h.interval(k).start();
      kw[k] = plan.target(k).kilowatts();
      boolean baseline = covers(t, zone) && !eventDays.contains(t.atZone(zone).toLocalDate());
      boolean recovering = kw[k] > 0 && recovery.stream().anyMatch(w -> w.contains(t));
      if (kw[k] != 0 && (baseline || recovering)) {
        kw[k] = 0;
        changed = true;
      }
    }
    return changed ? new Plan(plan.group(), h, kw) : plan;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    int k = slots.nextSetBit(0);
    while (k >= 0) {
      int end = slots.nextClearBit(k);
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(LocalTime.of(0, 0).plusMinutes((long) k * SLOT_MINUTES))
          .append('-')
          .append(LocalTime.of(0, 0).plusMinutes((long) end * SLOT_MINUTES));
      k = slots.nextSetBit(end);
    }
    return b.length() == 0 ? "none" : b.toString();
  }
}
