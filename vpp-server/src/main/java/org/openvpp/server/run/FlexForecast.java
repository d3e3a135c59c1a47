package org.openvpp.server.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.openvpp.forecast.BandedEnvelope;
import org.openvpp.forecast.OfflineRate;
import org.openvpp.server.api.FleetView;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;

/**
 * The batteries' available discharge power over the rest of a run, as P10/P50/P90 per 15-minute
 * interval, and what the aggregation tree measured.
 *
 * <p>What it forecasts is what the tree counts now ({@code GroupTotals.availableDischarge}): the
 * power a battery can give and hold for an hour, {@code min(max discharge, (stored − reserve)·η / 1
 * h)}, summed over the batteries online. So forecast and measurement are the same quantity.
 *
 * <p>Design: every battery of the tree is counted, as the tree counts them. Each the VPP may
 * command now (not opted out, not caught ignoring commands) is projected from its twin's stored
 * energy along the fleet's current plan, taking its share of each interval's target in proportion
 * to its discharge rating (charging gains {@code η}, discharging costs {@code 1/η}, held within [0,
 * capacity]); the others hold their charge. That gives each battery's available power at each
 * interval's start. It is there with probability {@code 1 − offline rate}, the rate measured from
 * its twin at every control step ({@link OfflineRate}, shrunk towards the fleet's rate). The count
 * available is Poisson-binomial; P{@code q} is the expected available power scaled by {@code N_q /
 * μ} ({@link BandedEnvelope#availableQuantiles}), as {@link BandedEnvelope#ofAvailability} scales
 * envelopes. The bands carry availability uncertainty only: a plan the batteries do not follow, or
 * a plan that changes (an event announced later), is not in them; that is why the first forecast is
 * kept beside the latest, and beside them the series a forecast is judged by: each interval as
 * forecast at least an hour before it ({@link #LEAD}; the first forecast's for the run's first
 * hour), against the measurement.
 *
 * <p>Threads: mutable, confined to the run's thread; {@link #view} is immutable.
 */
final class FlexForecast {
  /** The tree's sustain time: available power is what can be held this long. */
  static final Duration SUSTAIN = Duration.ofHours(1);

  /** The lead of the hour-ahead series. */
  static final Duration LEAD = Duration.ofHours(1);

  /** Pseudo-samples of the fleet's offline rate added to each battery's: an hour of steps. */
  private static final double PRIOR = 60;

  private static final double[] LEVELS = {0.1, 0.5, 0.9};

  private final OfflineRate offline = new OfflineRate(PRIOR);
  private final Duration interval;
  private final List<FleetView.Measured> measured = new ArrayList<>();
  private List<FleetView.Band> first = List.of();
  private List<FleetView.Band> latest = List.of();
  // Each interval's band as forecast at least LEAD before it (or by the first forecast).
  private final java.util.TreeMap<Instant, FleetView.Band> ahead = new java.util.TreeMap<>();
  private Optional<Instant> madeAt = Optional.empty();
  private int counted;

  /**
   * @param interval the forecast's interval (the run's planning interval)
   */
  FlexForecast(Duration interval) {
    this.interval = interval;
  }

  /**
   * Records whether each of {@code members} is online at {@code now} (once per control step). A
   * battery that has never reported is not counted as offline: nothing is known of it yet (at the
   * start, telemetry is still on its way).
   */
  void observe(TwinStore twins, int[] members, Instant now) {
    for (int d : members) {
      if (twins.hasReported(d)) {
        offline.observe(d, twins.isOnline(d, now));
      }
    }
  }

  /** Records what the tree counted as available at {@code at}, kW. */
  void measured(Instant at, double kw) {
    measured.add(new FleetView.Measured(at, kw));
  }

  /**
   * Forecasts from {@code now} to {@code end}.
   *
   * @param twins the batteries' twins
   * @param members the batteries' ordinals
   * @param commandable whether the VPP may command a battery now
   * @param target the fleet's planned battery power at an instant (load convention; zero where
   *     there is no plan)
   */
  void forecast(
      Instant now,
      Instant end,
      TwinStore twins,
      int[] members,
      IntPredicate commandable,
      Function<Instant, Power> target) {
    if (!now.isBefore(end)) {
      return;
    }
    Horizon horizon = Horizon.covering(new Interval(now, end), interval);
    int n = horizon.count();
    double hours = horizon.stepHours();
    double sustainHours = SUSTAIN.toMinutes() / 60.0;
    double[] targetKw = new double[n];
    for (int k = 0; k < n; k++) {
      targetKw[k] = target.apply(horizon.interval(k).start()).kilowatts();
    }
    double rating = 0;
    for (int d : members) {
      rating += commandable.test(d) ? twins.maxDischargeKw(d) : 0;
    }
    double[] p = new double[members.length];
    double[] expected = new double[n];
    int i = 0;
    for (int d : members) {
      double pd = 1 - offline.rate(d);
      p[i++] = pd;
      // Only the batteries the VPP may command follow its plan; the others hold their charge.
      double share = rating > 0 && commandable.test(d) ? twins.maxDischargeKw(d) / rating : 0;
      double eta = twins.efficiency(d);
      double stored = twins.storedKwh(d);
      for (int k = 0; k < n; k++) {
        double availableKw =
            Math.min(
                twins.maxDischargeKw(d),
                Math.max(0, stored - twins.reserveKwh(d)) * eta / sustainHours);
        expected[k] += pd * availableKw;
        double kw = targetKw[k] * share;
        stored += kw > 0 ? kw * hours * eta : kw * hours / eta;
        stored = Math.clamp(stored, 0, twins.capacityKwh(d));
      }
    }
    double mu = 0;
    for (double x : p) {
      mu += x;
    }
    double[] count = BandedEnvelope.availableQuantiles(p, LEVELS);
    List<FleetView.Band> bands = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Interval iv = horizon.interval(k);
      double[] q = new double[3];
      for (int l = 0; l < 3; l++) {
        q[l] = mu == 0 ? 0 : expected[k] * count[l] / mu;
      }
      bands.add(new FleetView.Band(iv.start(), iv.end(), q[0], q[1], q[2]));
    }
    latest = List.copyOf(bands);
    boolean isFirst = madeAt.isEmpty();
    if (isFirst) {
      first = latest;
    }
    for (FleetView.Band b : bands) {
      // Forecasts come in time order: the last with the lead is the one made closest to it.
      if (!b.start().isBefore(now.plus(LEAD)) || isFirst) {
        ahead.put(b.start(), b);
      }
    }
    madeAt = Optional.of(now);
    counted = members.length;
  }

  /** What has been forecast and measured so far; empty before the first forecast. */
  Optional<FleetView.Flexibility> view() {
    return madeAt.map(
        at ->
            new FleetView.Flexibility(
                at,
                offline.fleetRate(),
                counted,
                latest,
                first,
                List.copyOf(ahead.values()),
                List.copyOf(measured)));
  }
}
