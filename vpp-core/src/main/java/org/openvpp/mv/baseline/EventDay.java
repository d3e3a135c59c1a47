package org.openvpp.mv.baseline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;

/**
 * An event placed on a site's meter data: its local day, its intervals, and the same clock times on
 * other days ("slots"), which is how the day-matching methods read reference days.
 *
 * <p>A slot is a clock time and a day offset from the event's day (the adjustment window of an
 * early-morning event reaches into the day before). Reading reference day {@code r} at a slot reads
 * the interval at that clock time on {@code r} plus the offset.
 */
final class EventDay {

  /** A clock time on the event's day (offset 0) or a day before it (offset -1). */
  record Slot(int dayOffset, LocalTime time) {}

  final MeterData meter;
  final LocalDate day;
  final Horizon horizon;
  final int firstIndex;
  final List<Slot> eventSlots;

  private EventDay(MeterData meter, LocalDate day, Horizon horizon, int firstIndex) {
    this.meter = meter;
    this.day = day;
    this.horizon = horizon;
    this.firstIndex = firstIndex;
    this.eventSlots = slots(horizon.start(), horizon.count());
  }

  /**
   * Places {@code event} on {@code meter}.
   *
   * @throws BaselineException when the event is off the data or its grid, or crosses midnight
   */
  static EventDay of(MeterData meter, Interval event) {
    int first = meter.indexOf(event.start());
    long lengthNanos = event.length().toNanos();
    long stepNanos = meter.step().toNanos();
    if (first < 0 || lengthNanos % stepNanos != 0) {
      throw new BaselineException(
          BaselineException.Reason.EVENT_OUTSIDE_DATA,
          "event "
              + meter.local(event)
              + " does not start on an interval of the meter data ("
              + meter
              + ") or is not a whole number of intervals");
    }
    int n = (int) (lengthNanos / stepNanos);
    if (first + n > meter.count()) {
      throw new BaselineException(
          BaselineException.Reason.EVENT_OUTSIDE_DATA,
          "event "
              + meter.local(event)
              + " ends after the meter data, which ends at "
              + meter.local(meter.end()));
    }
    LocalDate day = event.start().atZone(meter.zone()).toLocalDate();
    Instant lastStart = event.end().minus(meter.step());
    if (!lastStart.atZone(meter.zone()).toLocalDate().equals(day)) {
      throw new BaselineException(
          BaselineException.Reason.EVENT_CROSSES_MIDNIGHT,
          "event "
              + meter.local(event)
              + " crosses local midnight; split it into one event per local day ("
              + meter.zone()
              + ")");
    }
    return new EventDay(meter, day, new Horizon(event.start(), meter.step(), n), first);
  }

  /** The slots of {@code count} intervals from {@code from}. */
  List<Slot> slots(Instant from, int count) {
    List<Slot> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ZonedDateTime t = from.plus(meter.step().multipliedBy(i)).atZone(meter.zone());
      out.add(new Slot((int) ChronoUnit.DAYS.between(day, t.toLocalDate()), t.toLocalTime()));
    }
    return out;
  }

  /** The slots of the {@code length} window that ends {@code gap} before the event starts. */
  List<Slot> windowBefore(Duration gap, Duration length) {
    Instant from = horizon.start().minus(gap).minus(length);
    return slots(from, (int) (length.toSeconds() / meter.step().toSeconds()));
  }

  /**
   * The same-day adjustment window ({@link #windowBefore}) of a method, refused as not enough
   * history when the event day lacks meter data in it.
   */
  List<Slot> adjustmentWindow(String method, Duration gap, Duration length, Interval event) {
    List<Slot> adjust = windowBefore(gap, length);
    if (!covers(day, adjust)) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          method
              + " needs meter data for the "
              + length.toMinutes()
              + " minutes that end "
              + gap.toMinutes()
              + " minutes before the event "
              + meter.local(event));
    }
    return adjust;
  }

  int count() {
    return horizon.count();
  }

  /** The meter index of {@code slot} on reference day {@code ref}, or -1 outside the data. */
  int index(LocalDate ref, Slot slot) {
    return meter.indexAt(ref.plusDays(slot.dayOffset()), slot.time());
  }

  /** Whether every slot has a reading on {@code ref}. */
  boolean covers(LocalDate ref, List<Slot> slots) {
    for (Slot s : slots) {
      int i = index(ref, s);
      if (i < 0 || !meter.hasReading(i)) {
        return false;
      }
    }
    return true;
  }

  /** Mean kWh over {@code slots} on {@code ref}; every slot must have data. */
  double mean(LocalDate ref, List<Slot> slots) {
    double sum = 0;
    for (Slot s : slots) {
      sum += meter.kwh(index(ref, s));
    }
    return sum / slots.size();
  }

  /** Mean kWh over {@code slots} averaged over {@code days}. */
  double mean(List<LocalDate> days, List<Slot> slots) {
    double sum = 0;
    for (LocalDate d : days) {
      sum += mean(d, slots);
    }
    return sum / days.size();
  }

  /** Per event interval, the mean kWh over {@code days}. */
  double[] profile(List<LocalDate> days) {
    double[] out = new double[eventSlots.size()];
    for (LocalDate d : days) {
      for (int i = 0; i < out.length; i++) {
        out[i] += meter.kwh(index(d, eventSlots.get(i)));
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= days.size();
    }
    return out;
  }

  /**
   * Days before the event day, most recent first, within {@code lookbackDays} calendar days (the
   * day before is day 1), that pass {@code like}, had no event, and have data at every slot of
   * {@code needed}.
   */
  List<LocalDate> candidates(
      int lookbackDays, Predicate<LocalDate> like, DayCalendar calendar, List<Slot> needed) {
    List<LocalDate> out = new ArrayList<>();
    for (int back = 1; back <= lookbackDays; back++) {
      LocalDate d = day.minusDays(back);
      if (like.test(d) && !calendar.isEventDay(d) && covers(d, needed)) {
        out.add(d);
      }
    }
    return out;
  }

  static List<Slot> concat(List<Slot> a, List<Slot> b) {
    List<Slot> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
