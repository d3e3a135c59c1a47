package org.openvpp.mv.baseline;

import org.openvpp.time.Interval;

/**
 * A per-site baseline method: from a site's interval meter data, the energy the site would have
 * used in each interval of an event had there been no event.
 *
 * <p>Implementations are immutable and safe to share between threads. Each documents its
 * definition, where it comes from, and the rules chosen where the definition leaves room.
 */
public interface Baseline {

  /** The method's name as the command line knows it, for example {@code caiso-10in10}. */
  String name();

  /** Whether the method needs the outdoor temperature in the meter data. */
  default boolean needsTemperature() {
    return false;
  }

  /**
   * Estimates the baseline of one event.
   *
   * @param meter the site's meter data, covering the look-back and the event
   * @param event the event window; within one local day, on the meter's interval grid
   * @param calendar holidays, and the site's event days (never used as reference days)
   * @return the baseline kWh of every interval of the event
   * @throws BaselineException when the data cannot give this method's baseline for this event
   */
  BaselineEstimate estimate(MeterData meter, Interval event, DayCalendar calendar);
}
