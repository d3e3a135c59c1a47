package org.openvpp.market;

/**
 * One day's plan for a fleet seen as one battery across energy and reserves at once: each hour's
 * sale or purchase and the reserve capacity it leaves, chosen together so that headroom held for a
 * reserve is worth what the energy it displaces would have earned.
 *
 * <p>Each hour the fleet earns {@code p·(d − c) − w·(c + d)} from energy at price {@code p} and
 * wear {@code w}, plus {@code u·up + r·down} from reserves at prices {@code u} (the up reserve's)
 * and {@code r} (regulation down's), where the capacity it can hold given its energy move is what
 * power and energy allow through the hour: {@code up = min(D − d + c, (min(e, e′) − floor)·η_d)}
 * and {@code down = min(C − c + d, (capacity − max(e, e′)) / η_c)} for the energy held {@code e}
 * before and {@code e′} after. With a positive reserve price the best capacity for a given move is
 * all of it, so the choice is the move alone: dynamic programming over the energy held on a grid of
 * {@value #LEVELS} steps, the initial energy on it, ending at or above the final minimum. Ties go
 * to the smaller move.
 *
 * <p>Program events the fleet is committed to ({@link ProgramEvent}) come first: in an hour with
 * {@code k} kW committed, the first {@code k} kW of the fleet's discharge go to the event (paid the
 * event's price) and only the rest is sold to the market; a discharge short of {@code k} costs
 * {@value #SHORTFALL_PER_MWH} $/MWh of shortfall in the plan (not in its reported value), so the
 * plan keeps the energy and power an event needs whenever the fleet has them, and delivers what it
 * can when it has not. The reserve headroom of an event hour is what the event's discharge leaves.
 *
 * <p>Stateless; safe to share.
 */
public final class CoOptimiser {
  static final int LEVELS = 200;
  static final double SHORTFALL_PER_MWH = 100_000;

  /**
   * The fleet as one battery: energy (kWh), power (kW) and efficiencies.
   *
   * @param initial energy held at the start
   * @param floor least energy held
   * @param capacity most energy held
   * @param finalMinimum least energy held at the end
   * @param maxChargeKw most charging power
   * @param maxDischargeKw most discharging power
   * @param chargeEfficiency share of a purchase stored
   * @param dischargeEfficiency share of energy drawn that is sold
   */
  public record Fleet(
      double initial,
      double floor,
      double capacity,
      double finalMinimum,
      double maxChargeKw,
      double maxDischargeKw,
      double chargeEfficiency,
      double dischargeEfficiency) {
    public Fleet {
      if (!(floor >= 0 && floor <= initial && initial <= capacity)) {
        throw new IllegalArgumentException(
            "need 0 ≤ floor ≤ initial ≤ capacity, was " + floor + ", " + initial + ", " + capacity);
      }
      if (!(maxChargeKw >= 0 && maxDischargeKw >= 0)) {
        throw new IllegalArgumentException("power must not be negative");
      }
      if (!(chargeEfficiency > 0 && chargeEfficiency <= 1)
          || !(dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
        throw new IllegalArgumentException("efficiencies must be in (0, 1]");
      }
    }
  }

  /**
   * A day's plan: per hour the net sale to the market (kW, delivery positive), the delivery to
   * program events, the capacity held for the up reserve and for regulation down (kW), and what the
   * plan earns at the prices it was made on.
   */
  public static final class Plan {
    private final double[] sale;
    private final double[] event;
    private final double[] up;
    private final double[] down;
    private final double value;

    Plan(double[] sale, double[] event, double[] up, double[] down, double value) {
      this.sale = sale;
      this.event = event;
      this.up = up;
      this.down = down;
      this.value = value;
    }

    /** The net sale of {@code hour} to the market, kW. */
    public double saleKw(int hour) {
      return sale[hour];
    }

    /** What {@code hour} delivers to program events, kW. */
    public double eventKw(int hour) {
      return event[hour];
    }

    /** The capacity held for the up reserve in {@code hour}, kW. */
    public double upKw(int hour) {
      return up[hour];
    }

    /** The capacity held for regulation down in {@code hour}, kW. */
    public double downKw(int hour) {
      return down[hour];
    }

    /** What the plan earns at the prices it was made on, $. */
    public double value() {
      return value;
    }
  }

  private CoOptimiser() {}

  /**
   * Plans the day without program events.
   *
   * @param energy energy prices, $/MWh, one per hour
   * @param up the up reserve's price, $/MW per hour held (none held where not positive)
   * @param down regulation down's price, $/MW per hour held
   * @param wearPerMwh the cost of a MWh into or out of the fleet
   */
  public static Plan plan(
      Fleet fleet, double[] energy, double[] up, double[] down, double wearPerMwh) {
    int hours = energy.length;
    return plan(fleet, energy, up, down, wearPerMwh, new double[hours], new double[hours]);
  }

  /**
   * Plans the day with {@code committedKw} promised to program events each hour, paid {@code
   * eventPrice} ($/MWh) each.
   */
  public static Plan plan(
      Fleet fleet,
      double[] energy,
      double[] up,
      double[] down,
      double wearPerMwh,
      double[] committedKw,
      double[] eventPrice) {
    int hours = energy.length;
    if (up.length != hours
        || down.length != hours
        || committedKw.length != hours
        || eventPrice.length != hours) {
      throw new IllegalArgumentException(
          "energy, up and down prices, commitments and event prices need one per hour each");
    }
    double span = fleet.capacity() - fleet.floor();
    if (span <= 1e-9) {
      return new Plan(
          new double[hours], new double[hours], new double[hours], new double[hours], 0);
    }
    double step = span / LEVELS;
    int below = (int) Math.floor((fleet.initial() - fleet.floor()) / step + 1e-9);
    int above = (int) Math.floor((fleet.capacity() - fleet.initial()) / step + 1e-9);
    int size = below + above + 1;
    int start = below;
    int end =
        Math.max(
            0, start + (int) Math.ceil((fleet.finalMinimum() - fleet.initial()) / step - 1e-9));
    if (end >= size) {
      throw new IllegalArgumentException(
          "the fleet cannot end the day at " + fleet.finalMinimum() + " kWh");
    }
    double etaC = fleet.chargeEfficiency();
    double etaD = fleet.dischargeEfficiency();
    int least = -(int) Math.floor(fleet.maxDischargeKw() / etaD / step + 1e-9);
    int most = (int) Math.floor(fleet.maxChargeKw() * etaC / step + 1e-9);
    int[] lows = new int[hours];
    int[] highs = new int[hours];
    java.util.Arrays.fill(lows, least);
    java.util.Arrays.fill(highs, most);
    double[] scratch = new double[3];
    double[] value = new double[1];
    int[] moves =
        GridDp.path(
            size,
            start,
            end,
            lows,
            highs,
            (h, j, d) ->
                gain(fleet, step, j, d, energy[h], up[h], down[h], wearPerMwh, start, scratch)
                    + event(scratch[0], committedKw[h], eventPrice[h], energy[h]),
            value);
    double[] sale = new double[hours];
    double[] event = new double[hours];
    double[] upKw = new double[hours];
    double[] downKw = new double[hours];
    double earned = 0;
    int j = start;
    for (int h = 0; h < hours; h++) {
      int d = moves[h];
      earned += gain(fleet, step, j, d, energy[h], up[h], down[h], wearPerMwh, start, scratch);
      double net = scratch[0];
      event[h] = Math.clamp(net, 0, committedKw[h]);
      sale[h] = net - event[h];
      earned += event[h] * (eventPrice[h] - energy[h]) / 1_000;
      upKw[h] = up[h] > 0 ? scratch[1] : 0;
      downKw[h] = down[h] > 0 ? scratch[2] : 0;
      j += d;
    }
    return new Plan(sale, event, upKw, downKw, earned);
  }

  /**
   * What an hour's program events add to the gain of a net sale of {@code netKw}: the events' share
   * paid their price instead of the market's, and the shortfall's cost.
   */
  private static double event(double netKw, double committedKw, double eventPrice, double price) {
    if (committedKw <= 0) {
      return 0;
    }
    double given = Math.clamp(netKw, 0, committedKw);
    return (given * (eventPrice - price) - (committedKw - given) * SHORTFALL_PER_MWH) / 1_000;
  }

  private static double gain(
      Fleet f,
      double step,
      int j,
      int d,
      double price,
      double up,
      double down,
      double wear,
      int start,
      double[] held) {
    held(f, step, j, d, start, held);
    double sale = held[0];
    return (price * sale
            - wear * Math.abs(sale)
            + Math.max(0, up) * held[1]
            + Math.max(0, down) * held[2])
        / 1_000;
  }

  /**
   * Writes into {@code held} the net sale (kW) of moving {@code d} steps from {@code j}, and the up
   * and down capacity it leaves.
   */
  private static void held(Fleet f, double step, int j, int d, int start, double[] held) {
    double etaC = f.chargeEfficiency();
    double etaD = f.dischargeEfficiency();
    double e = f.initial() + (j - start) * step;
    double after = e + d * step;
    double charge = d > 0 ? d * step / etaC : 0;
    double discharge = d < 0 ? -d * step * etaD : 0;
    double up =
        Math.max(
            0,
            Math.min(
                f.maxDischargeKw() - discharge + charge, (Math.min(e, after) - f.floor()) * etaD));
    double down =
        Math.max(
            0,
            Math.min(
                f.maxChargeKw() - charge + discharge, (f.capacity() - Math.max(e, after)) / etaC));
    held[0] = discharge - charge;
    held[1] = up;
    held[2] = down;
  }
}
