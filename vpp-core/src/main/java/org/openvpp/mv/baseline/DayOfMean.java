package org.openvpp.mv.baseline;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * The day-of mean: the site's mean load over the three hours that end one hour before the event
 * (the window CAISO's day-of adjustment reads), held flat through the event. OpenVPP's fallback for
 * a site whose history is too short for a day-matching method (a customer who enrolled days ago
 * without bringing past meter data): it needs only the event day.
 *
 * <p>It knows nothing of the load's shape through the event (an evening peak above the afternoon is
 * credited as delivery), so it is a stopgap: a program names it as the fallback of its method, and
 * each result says which method measured it. Thread-safe (stateless).
 */
public final class DayOfMean implements Baseline {

  public static final String NAME = "day-of-mean";

  private static final Duration GAP = Duration.ofHours(1);
  private static final Duration WINDOW = Duration.ofHours(3);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BaselineEstimate estimate(MeterData meter, Interval event, DayCalendar calendar) {
    EventDay ev = EventDay.of(meter, event);
    List<EventDay.Slot> window = ev.adjustmentWindow(NAME, GAP, WINDOW, event);
    double mean = ev.mean(ev.day, window);
    double[] kwh = new double[ev.count()];
    java.util.Arrays.fill(kwh, mean);
    return new BaselineEstimate(
        NAME,
        ev.horizon,
        kwh,
        kwh,
        List.of(ev.day),
        String.format(
            Locale.ROOT,
            "mean of %d intervals from %s, the 3 hours ending 1 hour before the event",
            window.size(),
            event.start().minus(GAP).minus(WINDOW)));
  }
}
