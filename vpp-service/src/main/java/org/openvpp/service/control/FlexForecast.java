package org.openvpp.service.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.openvpp.forecast.BandedEnvelope;
import org.openvpp.forecast.OfflineRate;
import org.openvpp.service.view.FleetView;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;

/**
 * The batteries' available discharge power over the next day, as P10/P50/P90 per 15-minute
 * interval, and what the aggregation tree measured (the last two days of both are kept).
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
 * envelopes. That is availability uncertainty only: a plan the batteries do not follow, or one that
 * changes (an event announced later), is not in it. So, as {@code QuantileForecaster} does for
 * load, once {@value #MIN_ERRORS} intervals have been measured against their hour-ahead forecast,
 * every band is also shifted by the empirical P10/P50/P90 of those errors (measured minus the
 * availability-only P50, kW; adding the two quantiles overstates the spread of their sum somewhat,
 * the cautious side), held within [0, the batteries' rating]. A forecast made before every battery
 * had reported (the run's first, as telemetry is still arriving) is not judged: its error would be
 * the missing reports', not the method's. Even so no band foresees what has not happened yet; that
 * is why the first forecast is kept beside the latest, and beside them the series a forecast is
 * judged by: each interval as forecast at least an hour before it ({@link #LEAD}; the first
 * forecast's for the run's first hour), against the measurement.
 *
 * <p>Threads: mutable, confined to the run's thread; {@link #view} is immutable.
 */
final class FlexForecast {
  /** The tree's sustain time: available power is what can be held this long. */
  static final Duration SUSTAIN = Duration.ofHours(1);

  /** The lead of the hour-ahead series. */
  static final Duration LEAD = Duration.ofHours(1);

  /** The fewest hour-ahead errors the bands are widened by; fewer say too little. */
  static final int MIN_ERRORS = 8;

  /** Pseudo-samples of the fleet's offline rate added to each battery's: an hour of steps. */
  private static final double PRIOR = 60;

  private static final double[] LEVELS = {0.1, 0.5, 0.9};

  /** How long measurements and hour-ahead bands are kept: the service runs for months. */
  static final Duration KEPT = Duration.ofDays(2);

  /** The most hour-ahead errors kept: a week of intervals. */
  static final int MAX_ERRORS = 7 * 96;

  private final OfflineRate offline = new OfflineRate(PRIOR);
  private final Duration interval;
  private final java.time.ZoneId zone;
  private final List<FleetView.Measured> measured = new ArrayList<>();
  private List<FleetView.Band> first = List.of();
  private List<FleetView.Band> latest = List.of();
  // Each interval's band as forecast at least LEAD before it (or by the first forecast).
  private final java.util.TreeMap<Instant, FleetView.Band> ahead = new java.util.TreeMap<>();
  // The availability-only P50 of the same forecasts, and the errors of the measurements against it.
  private final java.util.TreeMap<Instant, Double> aheadAvailability = new java.util.TreeMap<>();
  private final List<Double> errors = new ArrayList<>();
  private Optional<Instant> madeAt = Optional.empty();
  private int counted;
  private int errorSamples;

  /**
   * @param interval the forecast's interval (the run's planning interval)
   */
  FlexForecast(Duration interval, java.time.ZoneId zone) {
    this.interval = interval;
    this.zone = zone;
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

  /**
   * Records what the tree counted as available at {@code at}, kW, and the hour-ahead forecast's
   * error there (measured minus its availability-only P50), where it forecast {@code at}.
   */
  void measured(Instant at, double kw) {
    measured.add(new FleetView.Measured(at, kw));
    Double forecast = aheadAvailability.get(at);
    if (forecast != null) {
      errors.add(kw - forecast);
      if (errors.size() > MAX_ERRORS) {
        errors.remove(0);
      }
    }
    Instant keep = at.minus(KEPT);
    measured.removeIf(m -> m.at().isBefore(keep));
    ahead.headMap(keep).clear();
    aheadAvailability.headMap(keep).clear();
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
    double cap = 0;
    for (int d : members) {
      cap += twins.maxDischargeKw(d);
    }
    // The forecast's own hour-ahead errors so far, once there are enough to say something.
    double[] shift = new double[3];
    if (errors.size() >= MIN_ERRORS) {
      double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      for (int l = 0; l < 3; l++) {
        shift[l] = quantile(sorted, LEVELS[l]);
      }
    }
    List<FleetView.Band> bands = new ArrayList<>(n);
    double[] availabilityP50 = new double[n];
    for (int k = 0; k < n; k++) {
      Interval iv = horizon.interval(k);
      double[] q = new double[3];
      for (int l = 0; l < 3; l++) {
        q[l] = mu == 0 ? 0 : expected[k] * count[l] / mu;
      }
      availabilityP50[k] = q[1];
      double p10 = Math.clamp(q[0] + shift[0], 0, cap);
      double p50 = Math.clamp(q[1] + shift[1], p10, cap);
      double p90 = Math.clamp(q[2] + shift[2], p50, cap);
      bands.add(new FleetView.Band(iv.start(), iv.end(), p10, p50, p90));
    }
    latest = List.copyOf(bands);
    // The first forecast of each local day is kept beside the latest.
    boolean isFirst =
        madeAt.isEmpty()
            || !madeAt.get().atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    if (isFirst) {
      first = latest;
    }
    // A forecast made before every battery had reported knew too little to be judged by.
    boolean complete = true;
    for (int d : members) {
      complete &= twins.hasReported(d);
    }
    for (int k = 0; k < n; k++) {
      FleetView.Band b = bands.get(k);
      // Forecasts come in time order: the last with the lead is the one made closest to it.
      if (!b.start().isBefore(now.plus(LEAD)) || isFirst) {
        ahead.put(b.start(), b);
        if (complete) {
          aheadAvailability.put(b.start(), availabilityP50[k]);
        } else {
          aheadAvailability.remove(b.start());
        }
      }
    }
    errorSamples = errors.size() >= MIN_ERRORS ? errors.size() : 0;
    madeAt = Optional.of(now);
    counted = members.length;
  }

  /** The {@code level}-quantile of {@code sorted} (not empty), interpolated (type 7). */
  static double quantile(double[] sorted, double level) {
    double pos = level * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** What has been forecast and measured so far; empty before the first forecast. */
  Optional<FleetView.Flexibility> view() {
    return madeAt.map(
        at ->
            new FleetView.Flexibility(
                at,
                offline.fleetRate(),
                counted,
                errorSamples,
                latest,
                first,
                List.copyOf(ahead.values()),
                List.copyOf(measured)));
  }
}
