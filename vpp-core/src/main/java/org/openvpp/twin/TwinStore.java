package org.openvpp.twin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PartnerResource;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.WaterHeater;
import org.openvpp.units.Energy;
import org.openvpp.units.Temperature;

/**
 * The digital twins of a fleet: per device, the latest accepted telemetry and the limits from its
 * specification, in parallel primitive arrays indexed by a dense ordinal given at registration (the
 * ratings of a device model once, in a small table each device points into).
 *
 * <p>Design: a device is registered once and keeps its ordinal; the id-to-ordinal map is touched
 * only when telemetry arrives by id. Telemetry is accepted only with a sequence number above the
 * last accepted one, so a late or repeated message never overwrites newer state. Every accepted
 * change is announced to the listener with the device's ordinal, which is how aggregation stays
 * incremental.
 *
 * <p>Threads: one writer at a time ({@link #register}, {@link #apply}); readers see the arrays
 * without locks and must run on the writer's thread or after it has stopped. A gateway that ingests
 * in parallel will partition devices over several stores.
 */
public final class TwinStore {

  /** What became of one telemetry message. */
  public enum Outcome {
    ACCEPTED,
    UNKNOWN_DEVICE,
    OUT_OF_ORDER
  }

  private final long staleAfterMillis;
  private final DeviceIndex ordinals = new DeviceIndex();
  private final List<Device> devices = new ArrayList<>();
  private IntConsumer listener = ordinal -> {};

  private int size;
  private long[] sequence = new long[0];
  private long[] lastSeenMillis = new long[0];
  private double[] powerKw = new double[0];
  private double[] storedKwh = new double[0];
  private double[] temperatureC = new double[0];
  private byte[] plug = new byte[0]; // -1 not reported, 0 unplugged, 1 plugged in
  private double[] needKwh = new double[0]; // NaN: no charging need reported
  private long[] readyAtMillis = new long[0];
  private boolean[] disconnected = new boolean[0]; // said offline (status, last will)
  private double[] reserveKwh = new double[0];
  // A device's ratings (capacity, charge and discharge power, efficiency) are its model's: a fleet
  // has few models, so each device keeps the index of its model's row in a table of distinct ones.
  private int[] ratingOf = new int[0];
  private final Ratings ratings = new Ratings();
  // Customer preferences, compact (most devices keep their defaults): comfort band in tenths of a
  // degree Celsius (NO_BAND: the thermostat's own), EV ready-by minute of the day (-1: none).
  private short[] comfortLowDeci = new short[0];
  private short[] comfortHighDeci = new short[0];
  private short[] readyByMinute = new short[0];
  private boolean[] optedOut = new boolean[0];

  private static final short NO_BAND = Short.MIN_VALUE;
  private static final double COMFORT_MIN_C = 5;
  private static final double COMFORT_MAX_C = 35;

  /**
   * @param staleAfter how long without telemetry before a twin counts as offline
   */
  public TwinStore(Duration staleAfter) {
    this.staleAfterMillis = Objects.requireNonNull(staleAfter, "staleAfter").toMillis();
  }

  /**
   * Adds a listener told of each accepted change, by ordinal, after those added before (one per
   * aggregation tree: the feeder hierarchy, an operator's groupings, …).
   */
  public void onChange(IntConsumer listener) {
    Objects.requireNonNull(listener, "listener");
    IntConsumer before = this.listener;
    this.listener = before.andThen(listener);
  }

  /** Registers a device and returns its ordinal; registering the same id twice is refused. */
  public int register(Device device) {
    if (ordinals.get(device.id().value()) >= 0) {
      throw new IllegalArgumentException("device " + device.id() + " is already registered");
    }
    int ordinal = size++;
    grow(size);
    ordinals.put(device.id().value(), ordinal);
    devices.add(device);
    sequence[ordinal] = Long.MIN_VALUE;
    temperatureC[ordinal] = Double.NaN;
    plug[ordinal] = -1;
    needKwh[ordinal] = Double.NaN;
    lastSeenMillis[ordinal] = Long.MIN_VALUE;
    comfortLowDeci[ordinal] = NO_BAND;
    comfortHighDeci[ordinal] = NO_BAND;
    readyByMinute[ordinal] = -1;
    ratingOf[ordinal] =
        switch (device) {
          case Battery b -> {
            reserveKwh[ordinal] = b.backupReserve().kilowattHours();
            yield ratings.of(
                b.usableCapacity().kilowattHours(),
                b.maxCharge().kilowatts(),
                b.maxDischarge().kilowatts(),
                b.oneWayEfficiency());
          }
          case EvCharger ev ->
              ratings.of(
                  ev.vehicle().batteryCapacity().kilowattHours(),
                  ev.maxCharge().kilowatts(),
                  ev.maxDischarge().kilowatts(),
                  1);
          case Thermostat th -> ratings.of(0, th.hvacPower().kilowatts(), 0, 1);
          case WaterHeater wh -> ratings.of(0, wh.elementPower().kilowatts(), 0, 1);
          case PvInverter pv -> ratings.of(0, 0, pv.acRating().kilowatts(), 1);
          case PartnerResource p -> ratings.of(0, 0, 0, 1); // known by what its partner reports
        };
    return ordinal;
  }

  private void grow(int needed) {
    if (needed <= sequence.length) {
      return;
    }
    int n = Math.max(16, Math.max(needed, sequence.length * 2));
    sequence = Arrays.copyOf(sequence, n);
    lastSeenMillis = Arrays.copyOf(lastSeenMillis, n);
    powerKw = Arrays.copyOf(powerKw, n);
    storedKwh = Arrays.copyOf(storedKwh, n);
    temperatureC = Arrays.copyOf(temperatureC, n);
    plug = Arrays.copyOf(plug, n);
    needKwh = Arrays.copyOf(needKwh, n);
    readyAtMillis = Arrays.copyOf(readyAtMillis, n);
    disconnected = Arrays.copyOf(disconnected, n);
    reserveKwh = Arrays.copyOf(reserveKwh, n);
    ratingOf = Arrays.copyOf(ratingOf, n);
    comfortLowDeci = Arrays.copyOf(comfortLowDeci, n);
    comfortHighDeci = Arrays.copyOf(comfortHighDeci, n);
    readyByMinute = Arrays.copyOf(readyByMinute, n);
    optedOut = Arrays.copyOf(optedOut, n);
  }

  /** Applies one telemetry message; accepted only when its sequence is newer than the twin's. */
  public Outcome apply(Telemetry t) {
    int d = indexOf(t.device().value());
    if (d < 0) {
      return Outcome.UNKNOWN_DEVICE;
    }
    return apply(
        d,
        t.sequence(),
        t.at().toEpochMilli(),
        t.power().kilowatts(),
        t.stored().kilowattHours(),
        t.temperature().map(Temperature::celsius).orElse(Double.NaN),
        t.pluggedIn().map(p -> p ? 1 : 0).orElse(-1),
        t.need().map(n -> n.energy().kilowattHours()).orElse(Double.NaN),
        t.need().map(n -> n.readyBy().toEpochMilli()).orElse(0L));
  }

  /** {@link #apply(int, long, long, double, double, double, int, double, long)} without a need. */
  public Outcome apply(
      int ordinal,
      long sequence,
      long atMillis,
      double powerKw,
      double storedKwh,
      double temperatureC,
      int plugged) {
    return apply(
        ordinal, sequence, atMillis, powerKw, storedKwh, temperatureC, plugged, Double.NaN, 0);
  }

  /**
   * Applies one report to the twin of {@code ordinal}, from plain numbers: the allocation-free path
   * of the gateway. Accepted only when {@code sequence} is newer than the twin's.
   *
   * @param temperatureC the reported temperature, or {@code NaN} for none
   * @param plugged 1 a vehicle is plugged in, 0 none is, -1 not reported
   * @param needKwh energy the plugged-in vehicle still needs from the grid, or {@code NaN} for none
   *     reported (a report without it forgets the last need)
   * @param readyAtMillis when it needs it, epoch milliseconds (read only with a need)
   */
  public Outcome apply(
      int ordinal,
      long sequence,
      long atMillis,
      double powerKw,
      double storedKwh,
      double temperatureC,
      int plugged,
      double needKwh,
      long readyAtMillis) {
    Objects.checkIndex(ordinal, size);
    if (sequence <= this.sequence[ordinal]) {
      return Outcome.OUT_OF_ORDER;
    }
    this.sequence[ordinal] = sequence;
    lastSeenMillis[ordinal] = atMillis;
    this.powerKw[ordinal] = powerKw;
    this.storedKwh[ordinal] = storedKwh;
    this.temperatureC[ordinal] = temperatureC;
    this.plug[ordinal] = (byte) Integer.signum(plugged);
    this.needKwh[ordinal] = needKwh;
    this.readyAtMillis[ordinal] = readyAtMillis;
    listener.accept(ordinal);
    return Outcome.ACCEPTED;
  }

  /** The ordinal of the device with id {@code id}, or -1 when none is registered. */
  public int indexOf(String id) {
    return ordinals.get(id);
  }

  /**
   * The ordinal of the device whose id is written in {@code text[from, to)} (a topic, say), or -1;
   * no substring is made.
   */
  public int indexOf(String text, int from, int to) {
    Objects.checkFromToIndex(from, to, text.length());
    return ordinals.get(text, from, to);
  }

  /** The last sequence number accepted for {@code ordinal} ({@code Long.MIN_VALUE} before any). */
  public long sequence(int ordinal) {
    return sequence[ordinal];
  }

  public int size() {
    return size;
  }

  public Optional<Integer> ordinalOf(DeviceId id) {
    int d = ordinals.get(id.value());
    return d < 0 ? Optional.empty() : Optional.of(d);
  }

  public Device device(int ordinal) {
    Objects.checkIndex(ordinal, size);
    return devices.get(ordinal);
  }

  /** Whether the device has reported within the stale time before {@code now}. */
  public boolean isOnline(int ordinal, Instant now) {
    return isOnline(ordinal, now.toEpochMilli());
  }

  /**
   * {@link #isOnline(int, Instant)} at {@code nowMillis} (epoch milliseconds), for loops over many
   * devices at one instant.
   */
  public boolean isOnline(int ordinal, long nowMillis) {
    long seen = lastSeenMillis[ordinal];
    return !disconnected[ordinal] && seen != Long.MIN_VALUE && nowMillis - seen <= staleAfterMillis;
  }

  /**
   * Records what the device's status says: offline (its own word, or its last will when its
   * connection dropped) takes it out of service at once, without waiting for its twin to go stale;
   * online lets its next report bring it back. Tells the listener.
   */
  public void setConnected(int ordinal, boolean connected) {
    Objects.checkIndex(ordinal, size);
    if (disconnected[ordinal] == !connected) {
      return;
    }
    disconnected[ordinal] = !connected;
    listener.accept(ordinal);
  }

  /** Whether the device's last status said it is connected (true until it says otherwise). */
  public boolean isConnected(int ordinal) {
    return !disconnected[ordinal];
  }

  /**
   * When the last accepted report was measured, epoch milliseconds ({@code Long.MIN_VALUE}: none).
   */
  public long lastSeenMillis(int ordinal) {
    return lastSeenMillis[ordinal];
  }

  public boolean hasReported(int ordinal) {
    return lastSeenMillis[ordinal] != Long.MIN_VALUE;
  }

  public double powerKw(int ordinal) {
    return powerKw[ordinal];
  }

  public double storedKwh(int ordinal) {
    return storedKwh[ordinal];
  }

  /** Whether a vehicle is plugged in, if the device reported it last time. */
  public Optional<Boolean> pluggedIn(int ordinal) {
    return plug[ordinal] < 0 ? Optional.empty() : Optional.of(plug[ordinal] == 1);
  }

  /**
   * Energy the plugged-in vehicle still needs from the grid, kWh, as last reported; {@code NaN}
   * when the last report gave none.
   */
  public double needKwh(int ordinal) {
    return needKwh[ordinal];
  }

  /** When the vehicle needs its charge, epoch milliseconds; meaningful only with a need. */
  public long readyAtMillis(int ordinal) {
    return readyAtMillis[ordinal];
  }

  /** The last reported charging need, if any. */
  public Optional<ChargeNeed> chargeNeed(int ordinal) {
    double kwh = needKwh[ordinal];
    return Double.isNaN(kwh)
        ? Optional.empty()
        : Optional.of(
            new ChargeNeed(
                Energy.ofKilowattHours(kwh), Instant.ofEpochMilli(readyAtMillis[ordinal])));
  }

  /** The last reported temperature (indoor air, tank), if the device reports one. */
  public Optional<Temperature> temperature(int ordinal) {
    double c = temperatureC[ordinal];
    return Double.isNaN(c) ? Optional.empty() : Optional.of(Temperature.ofCelsius(c));
  }

  public double capacityKwh(int ordinal) {
    return ratings.capacityKwh[ratingOf[ordinal]];
  }

  public double reserveKwh(int ordinal) {
    return reserveKwh[ordinal];
  }

  public double maxChargeKw(int ordinal) {
    return ratings.maxChargeKw[ratingOf[ordinal]];
  }

  public double maxDischargeKw(int ordinal) {
    return ratings.maxDischargeKw[ratingOf[ordinal]];
  }

  /** One-way conversion efficiency of the device's storage (1 where it stores nothing). */
  public double efficiency(int ordinal) {
    return ratings.efficiency[ratingOf[ordinal]];
  }

  /** Energy the device can still give to the grid before its reserve, grid side, in kWh. */
  public double dischargeableKwh(int ordinal) {
    return Math.max(0, storedKwh[ordinal] - reserveKwh[ordinal]) * efficiency(ordinal);
  }

  /** Energy the device can still take from the grid before it is full, grid side, in kWh. */
  public double chargeableKwh(int ordinal) {
    return Math.max(0, capacityKwh(ordinal) - storedKwh[ordinal]) / efficiency(ordinal);
  }

  // ---- Customer preferences -------------------------------------------------------------------

  /**
   * The battery's backup reserve as its customer set it: the VPP never discharges it below this.
   * Tells the listener, since the flexibility the device offers changes.
   *
   * @throws IllegalArgumentException when the device is not a battery or the reserve is outside [0,
   *     usable capacity]
   */
  public void setReserve(int ordinal, Energy reserve) {
    Battery b = deviceAs(ordinal, Battery.class, "backup reserve");
    double kwh = reserve.kilowattHours();
    if (!(kwh >= 0 && kwh <= b.usableCapacity().kilowattHours())) {
      throw new IllegalArgumentException(
          "reserve of "
              + b.id()
              + " must be within 0.."
              + b.usableCapacity()
              + " (its usable capacity), was "
              + reserve);
    }
    reserveKwh[ordinal] = kwh;
    listener.accept(ordinal);
  }

  /**
   * The thermostat's comfort band as its customer set it: the VPP keeps the room within it.
   *
   * @throws IllegalArgumentException when the device is not a thermostat, or the band is not at
   *     least one degree wide within 5–35 °C
   */
  public void setComfortBand(int ordinal, Temperature low, Temperature high) {
    Thermostat th = deviceAs(ordinal, Thermostat.class, "comfort band");
    double lo = low.celsius();
    double hi = high.celsius();
    if (!(lo >= COMFORT_MIN_C && hi <= COMFORT_MAX_C && hi - lo >= 1)) {
      throw new IllegalArgumentException(
          "comfort band of "
              + th.id()
              + " must be at least 1 °C wide within "
              + COMFORT_MIN_C
              + "–"
              + COMFORT_MAX_C
              + " °C, was "
              + low
              + "–"
              + high);
    }
    comfortLowDeci[ordinal] = (short) Math.round(lo * 10);
    comfortHighDeci[ordinal] = (short) Math.round(hi * 10);
    listener.accept(ordinal);
  }

  /** The lower edge of the comfort band: the customer's, or the thermostat's own. */
  public Temperature comfortLow(int ordinal) {
    Thermostat th = deviceAs(ordinal, Thermostat.class, "comfort band");
    short v = comfortLowDeci[ordinal];
    return v == NO_BAND ? th.comfortLow() : Temperature.ofCelsius(v / 10.0);
  }

  /** The upper edge of the comfort band: the customer's, or the thermostat's own. */
  public Temperature comfortHigh(int ordinal) {
    Thermostat th = deviceAs(ordinal, Thermostat.class, "comfort band");
    short v = comfortHighDeci[ordinal];
    return v == NO_BAND ? th.comfortHigh() : Temperature.ofCelsius(v / 10.0);
  }

  /**
   * The time of day by which the customer wants the vehicle on this charger charged, in the site's
   * local time (minute resolution).
   *
   * @throws IllegalArgumentException when the device is not an EV charger
   */
  public void setReadyBy(int ordinal, LocalTime readyBy) {
    deviceAs(ordinal, EvCharger.class, "ready-by time");
    readyByMinute[ordinal] = (short) (readyBy.getHour() * 60 + readyBy.getMinute());
    listener.accept(ordinal);
  }

  /** The customer's ready-by time, if they set one. */
  public Optional<LocalTime> readyBy(int ordinal) {
    Objects.checkIndex(ordinal, size);
    short m = readyByMinute[ordinal];
    return m < 0 ? Optional.empty() : Optional.of(LocalTime.of(m / 60, m % 60));
  }

  /**
   * Whether the customer has opted this device out of the VPP's control: it stays measured, offers
   * no flexibility, and is not commanded. Tells the listener.
   */
  public void setOptedOut(int ordinal, boolean out) {
    Objects.checkIndex(ordinal, size);
    if (optedOut[ordinal] == out) {
      return;
    }
    optedOut[ordinal] = out;
    listener.accept(ordinal);
  }

  public boolean isOptedOut(int ordinal) {
    return optedOut[ordinal];
  }

  private <T extends Device> T deviceAs(int ordinal, Class<T> kind, String what) {
    Device d = device(ordinal);
    if (!kind.isInstance(d)) {
      throw new IllegalArgumentException(
          "device " + d.id() + " is a " + d.kind() + " and has no " + what);
    }
    return kind.cast(d);
  }

  /** The distinct ratings of the fleet's device models, each a row. */
  private static final class Ratings {
    private record Row(double capacityKwh, double maxChargeKw, double maxDischargeKw, double eff) {}

    private final Map<Row, Integer> rows = new HashMap<>();
    private double[] capacityKwh = new double[0];
    private double[] maxChargeKw = new double[0];
    private double[] maxDischargeKw = new double[0];
    private double[] efficiency = new double[0];

    /** The row of these ratings, added when new. */
    int of(double capacityKwh, double maxChargeKw, double maxDischargeKw, double eff) {
      return rows.computeIfAbsent(
          new Row(capacityKwh, maxChargeKw, maxDischargeKw, eff),
          r -> {
            int n = rows.size();
            if (n == this.capacityKwh.length) {
              int grown = Math.max(8, n * 2);
              this.capacityKwh = Arrays.copyOf(this.capacityKwh, grown);
              this.maxChargeKw = Arrays.copyOf(this.maxChargeKw, grown);
              this.maxDischargeKw = Arrays.copyOf(this.maxDischargeKw, grown);
              this.efficiency = Arrays.copyOf(this.efficiency, grown);
            }
            this.capacityKwh[n] = r.capacityKwh();
            this.maxChargeKw[n] = r.maxChargeKw();
            this.maxDischargeKw[n] = r.maxDischargeKw();
            this.efficiency[n] = r.eff();
            return n;
          });
    }
  }
}
