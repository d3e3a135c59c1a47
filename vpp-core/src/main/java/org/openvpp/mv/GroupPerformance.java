package org.openvpp.mv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * How a group of sites did in one event (the whole event, a feeder, a region): the sums of its
 * sites' baseline, metered, delivered and committed energy. Sites that used more than their
 * baseline count against the group (delivered is summed with its sign).
 *
 * @param group the group's name
 * @param sites the number of sites
 * @param baseline summed baseline energy
 * @param metered summed metered energy
 * @param committed summed committed energy
 * @param length the event window's length, for mean powers
 */
public record GroupPerformance(
    String group,
    int sites,
    Energy baseline,
    Energy metered,
    Energy committed,
    java.time.Duration length) {

  public GroupPerformance {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(metered, "metered");
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(length, "length");
  }

  /**
   * The sum of the sites' performance; all for one event.
   *
   * @throws IllegalArgumentException on no sites or sites of different events
   */
  public static GroupPerformance of(String group, List<SitePerformance> sites) {
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("group " + group + " has no sites");
    }
    SitePerformance first = sites.get(0);
    double b = 0;
    double m = 0;
    double c = 0;
    for (SitePerformance s : sites) {
      if (!s.eventId().equals(first.eventId()) || !s.window().equals(first.window())) {
        throw new IllegalArgumentException(
            "group "
                + group
                + " mixes events "
                + first.eventId()
                + " and "
                + s.eventId()
                + "; measure one event at a time");
      }
      b += s.baseline().wattHours();
      m += s.metered().wattHours();
      c += s.committed().wattHours();
    }
    return new GroupPerformance(
        group,
        sites.size(),
        Energy.ofWattHours(b),
        Energy.ofWattHours(m),
        Energy.ofWattHours(c),
        first.window().length());
  }

  /** One group per key of {@code groupOf} (a site's feeder or region), sorted by key. */
  public static Map<String, GroupPerformance> byGroup(
      List<SitePerformance> sites, Function<String, String> groupOf) {
    Map<String, List<SitePerformance>> split = new TreeMap<>();
    for (SitePerformance s : sites) {
      split.computeIfAbsent(groupOf.apply(s.siteId()), k -> new ArrayList<>()).add(s);
    }
    Map<String, GroupPerformance> out = new TreeMap<>();
    split.forEach((k, v) -> out.put(k, of(k, v)));
    return out;
  }

  public Energy delivered() {
    return baseline.minus(metered);
  }

  public Power deliveredPower() {
    return delivered().per(length);
  }

  public Power committedPower() {
    return committed.per(length);
  }

  public double reductionOfBaseline() {
    return baseline.wattHours() == 0 ? 0 : delivered().wattHours() / baseline.wattHours();
  }

  public double ofCommitment() {
    return committed.wattHours() <= 0 ? 0 : delivered().wattHours() / committed.wattHours();
  }
}
