package org.openvpp.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The rules of one day-ahead energy market as an aggregation meets them, as data: one record per
 * market, so a new market is a new value, not new code.
 *
 * <p>Times are the market's local time. Day {@code D}'s bids close at {@code bidDeadline} on day
 * {@code D−1} and its clearing prices are published at {@code pricesPublished} on {@code D−1}, so a
 * bidder for day {@code D} knows the prices of every day up to {@code D−1} and none of {@code D}'s.
 *
 * @param name the market's name, as reports show it
 * @param zone the market's time zone
 * @param node the pricing node or hub the aggregation settles at
 * @param bidDeadline the local time on the day before at which bids for a day close
 * @param pricesPublished the local time on the day before at which a day's prices are published
 * @param minimumBid the least quantity an aggregation may offer in an interval (other than none)
 * @param priceFloor the lowest price a bid may name
 * @param priceCap the highest price a bid may name
 * @param deviationPenalty what an undelivered MWh costs beyond buying it back at the interval's
 *     price, as a fraction of that price's magnitude (a stand-in for the real-time market's price,
 *     which the shipped data does not have)
 * @param clearsStorage whether the market clears a storage resource's curves with its state of
 *     charge over the day ({@link StorageBid}), choosing its hours itself, rather than each hour
 *     alone
 * @param realTime how the operating day runs in real time
 */
public record MarketRules(
    String name,
    ZoneId zone,
    String node,
    LocalTime bidDeadline,
    LocalTime pricesPublished,
    Power minimumBid,
    EnergyPrice priceFloor,
    EnergyPrice priceCap,
    BigDecimal deviationPenalty,
    boolean clearsStorage,
    RealTime realTime) {

  /**
   * How the market runs an operating day in real time, as data.
   *
   * @param interval the real-time dispatch interval: the aggregation is sent an operating target
   *     for each (5 minutes in both markets here); it divides an hour
   * @param hourlyRamp the span, centred on each hour's boundary, over which the target ramps from
   *     one hour's day-ahead schedule to the next (CAISO ramps hourly schedules over 20 minutes); a
   *     whole, even number of intervals, zero for steps
   * @param reserveResponse how soon a contingency reserve called must be delivered in full (10
   *     minutes)
   * @param restoration how soon after a call ends the energy it took is bought back, so that the
   *     reserve held in the hours after is there again (90 minutes, NERC BAL-002's restoration
   *     period)
   */
  public record RealTime(
      Duration interval, Duration hourlyRamp, Duration reserveResponse, Duration restoration) {

    /** Five-minute intervals, a 20-minute ramp, calls in 10 minutes, restored in 90. */
    public static final RealTime FIVE_MINUTES =
        new RealTime(
            Duration.ofMinutes(5),
            Duration.ofMinutes(20),
            Duration.ofMinutes(10),
            Duration.ofMinutes(90));

    public RealTime {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(hourlyRamp, "hourlyRamp");
      Objects.requireNonNull(reserveResponse, "reserveResponse");
      Objects.requireNonNull(restoration, "restoration");
      if (interval.isNegative()
          || interval.isZero()
          || Duration.ofHours(1).toSeconds() % interval.toSeconds() != 0
          || interval.toSeconds() * 1_000_000_000L != interval.toNanos()) {
        throw new IllegalArgumentException(
            "the real-time interval must divide an hour into whole seconds, was " + interval);
      }
      long ramp = hourlyRamp.toSeconds();
      if (hourlyRamp.isNegative()
          || hourlyRamp.toNanos() % interval.toNanos() != 0
          || (ramp / interval.toSeconds()) % 2 != 0
          || hourlyRamp.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "the hourly ramp must be an even number of intervals of "
                + interval
                + ", at most an hour, was "
                + hourlyRamp);
      }
      if (reserveResponse.compareTo(interval) < 0 || restoration.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "reserve response ("
                + reserveResponse
                + ") and restoration ("
                + restoration
                + ") must each be at least one interval of "
                + interval);
      }
    }

    /** Intervals in an hour. */
    public int perHour() {
      return (int) (Duration.ofHours(1).toSeconds() / interval.toSeconds());
    }

    /** Hours in an interval. */
    public double hours() {
      return interval.toSeconds() / 3_600.0;
    }

    /** Intervals in {@code span}, rounded up. */
    public int intervals(Duration span) {
      long s = interval.toSeconds();
      return (int) ((span.toSeconds() + s - 1) / s);
    }
  }

  /**
   * CAISO's day-ahead market at node IRONMTN_2_N001, for a distributed energy resource aggregation:
   * bids close at 10:00 Pacific the day before, results at 13:00; an aggregation is at least 100 kW
   * (CAISO tariff, DERP); bids between −$150 and $1,000 per MWh (the limits of 2017–2019). A
   * storage resource (CAISO's non-generator resource model) is cleared with its state of charge.
   * Real time: five-minute dispatch, hourly schedules ramped over 20 minutes.
   */
  public static final MarketRules CAISO_DAY_AHEAD =
      new MarketRules(
          "CAISO day-ahead",
          ZoneId.of("America/Los_Angeles"),
          "IRONMTN_2_N001",
          LocalTime.of(10, 0),
          LocalTime.of(13, 0),
          Power.ofKilowatts(100),
          perMwh("-150"),
          perMwh("1000"),
          new BigDecimal("0.25"),
          true,
          RealTime.FIVE_MINUTES);

  /**
   * SPP's day-ahead market at SPPNORTH_HUB: bids close at 09:30 Central the day before, results at
   * 14:00; a 100 kW minimum as FERC Order 2222 sets for aggregations; offers between −$500 and
   * $1,000 per MWh (SPP's mitigated offer cap without verified costs). Each hour is cleared alone
   * (SPP's storage model with a state of charge is not modelled here). Real time: five-minute
   * dispatch as SPP's real-time balancing market runs; the 20-minute ramp between hours is ours.
   */
  public static final MarketRules SPP_DAY_AHEAD =
      new MarketRules(
          "SPP day-ahead",
          ZoneId.of("America/Chicago"),
          "SPPNORTH_HUB",
          LocalTime.of(9, 30),
          LocalTime.of(14, 0),
          Power.ofKilowatts(100),
          perMwh("-500"),
          perMwh("1000"),
          new BigDecimal("0.25"),
          false,
          RealTime.FIVE_MINUTES);

  public MarketRules {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(bidDeadline, "bidDeadline");
    Objects.requireNonNull(pricesPublished, "pricesPublished");
    Objects.requireNonNull(minimumBid, "minimumBid");
    Objects.requireNonNull(priceFloor, "priceFloor");
    Objects.requireNonNull(priceCap, "priceCap");
    Objects.requireNonNull(deviationPenalty, "deviationPenalty");
    Objects.requireNonNull(realTime, "realTime");
    if (minimumBid.isNegative()) {
      throw new IllegalArgumentException("minimumBid must not be negative, was " + minimumBid);
    }
    if (priceFloor.perMegawattHour().compareTo(priceCap.perMegawattHour()) >= 0) {
      throw new IllegalArgumentException(
          "priceFloor "
              + priceFloor.perMegawattHour()
              + " must be below priceCap "
              + priceCap.perMegawattHour());
    }
    if (deviationPenalty.signum() < 0) {
      throw new IllegalArgumentException(
          "deviationPenalty must not be negative, was " + deviationPenalty);
    }
  }

  /** When bids for {@code day} close. */
  public Instant deadline(LocalDate day) {
    return day.minusDays(1).atTime(bidDeadline).atZone(zone).toInstant();
  }

  /** When {@code day}'s clearing prices become known. */
  public Instant published(LocalDate day) {
    return day.minusDays(1).atTime(pricesPublished).atZone(zone).toInstant();
  }

  private static EnergyPrice perMwh(String usd) {
    return EnergyPrice.perMegawattHour(Money.usd(usd));
  }
}
