package org.openvpp.plan;

import java.util.List;
import java.util.Objects;
import org.openvpp.time.Horizon;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * What the fleet planner is asked to do: buy and sell energy at {@code prices} over {@code
 * horizon}, paying {@code degradation} for each kWh that flows into or out of a battery (at the
 * grid connection), while meeting every event commitment.
 *
 * @param horizon the intervals to plan
 * @param prices the energy price of each interval of the horizon, the same currency throughout; may
 *     be negative
 * @param degradation the wear cost of throughput, charged on charge plus discharge; not negative
 * @param events firm commitments; an interval owed by several owes the largest of them
 */
public record FleetPlanRequest(
    Horizon horizon,
    List<EnergyPrice> prices,
    EnergyPrice degradation,
    List<EventCommitment> events) {

  public FleetPlanRequest {
    Objects.requireNonNull(horizon, "horizon");
    prices = List.copyOf(prices);
    Objects.requireNonNull(degradation, "degradation");
    events = List.copyOf(events);
    if (prices.size() != horizon.count()) {
      throw new IllegalArgumentException(
          prices.size() + " prices for a horizon of " + horizon.count() + " intervals");
    }
    var currency = degradation.perMegawattHour().currency();
    for (EnergyPrice p : prices) {
      if (!p.perMegawattHour().currency().equals(currency)) {
        throw new IllegalArgumentException(
            "prices mix currencies: " + p.perMegawattHour() + " and degradation in " + currency);
      }
    }
    if (degradation.perMegawattHour().signum() < 0) {
      throw new IllegalArgumentException(
          "degradation must not be negative, was " + degradation.perMegawattHour() + " per MWh");
    }
  }

  /** Prices given per hour, each held for the intervals that start in that hour of the horizon. */
  public static FleetPlanRequest hourly(
      Horizon horizon,
      List<EnergyPrice> hourlyPrices,
      EnergyPrice degradation,
      List<EventCommitment> events) {
    EnergyPrice[] perInterval = new EnergyPrice[horizon.count()];
    for (int k = 0; k < perInterval.length; k++) {
      long hour =
          java.time.Duration.between(horizon.start(), horizon.interval(k).start()).toHours();
      if (hour >= hourlyPrices.size()) {
        throw new IllegalArgumentException(
            "interval " + k + " lies in hour " + hour + "; only " + hourlyPrices.size() + " given");
      }
      perInterval[k] = hourlyPrices.get((int) hour);
    }
    return new FleetPlanRequest(horizon, List.of(perInterval), degradation, events);
  }

  /** The currency of prices and costs. */
  java.util.Currency currency() {
    return degradation.perMegawattHour().currency();
  }

  /** Price of interval {@code k} in currency per kWh, as a double for optimisation. */
  double pricePerKwh(int k) {
    return perKwh(prices.get(k).perMegawattHour());
  }

  double degradationPerKwh() {
    return perKwh(degradation.perMegawattHour());
  }

  private static double perKwh(Money perMwh) {
    return perMwh.amount().doubleValue() / 1_000;
  }

  /**
   * The net discharge owed in each interval, in kW, or {@code NaN} where nothing is owed.
   * Package-private: NaN never leaves the package.
   */
  double[] requiredDischargeKw() {
    double[] r = new double[horizon.count()];
    java.util.Arrays.fill(r, Double.NaN);
    for (EventCommitment e : events) {
      for (int k = 0; k < r.length; k++) {
        if (e.window().contains(horizon.interval(k).start())) {
          double kw = e.minimumDischarge().kilowatts();
          r[k] = Double.isNaN(r[k]) ? kw : Math.max(r[k], kw);
        }
      }
    }
    return r;
  }
}
