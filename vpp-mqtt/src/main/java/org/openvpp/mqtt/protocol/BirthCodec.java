package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.Vehicle;
import org.openvpp.device.WaterHeater;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * Birth messages, protocol version 1 ({@code docs/schemas/birth.schema.json}): what a device is and
 * what it can do, published retained when it connects, so a gateway that (re)starts learns the
 * whole fleet from the broker.
 */
public final class BirthCodec {

  private static final Set<String> KEYS =
      Set.of(
          "v",
          "kind",
          "capacity_kwh",
          "reserve_kwh",
          "max_charge_kw",
          "max_discharge_kw",
          "round_trip",
          "cop",
          "comfort_low_c",
          "comfort_high_c",
          "tank_litres",
          "v2g",
          "firmware");

  private BirthCodec() {}

  /**
   * A decoded birth message, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code device} is present
   * @param device the device it describes
   * @param problem what was wrong, for the log; empty when accepted
   */
  public record Result(Verdict verdict, Optional<Device> device, String problem) {}

  /** The birth message of {@code device}. */
  public static byte[] encode(Device device) {
    String body =
        switch (device) {
          case Battery b ->
              String.format(
                  Locale.ROOT,
                  "\"kind\":\"battery\",\"capacity_kwh\":%s,\"reserve_kwh\":%s,\"max_charge_kw\":%s,"
                      + "\"max_discharge_kw\":%s,\"round_trip\":%s",
                  b.usableCapacity().kilowattHours(),
                  b.backupReserve().kilowattHours(),
                  b.maxCharge().kilowatts(),
                  b.maxDischarge().kilowatts(),
                  b.roundTripEfficiency());
          case EvCharger ev ->
              String.format(
                  Locale.ROOT,
                  "\"kind\":\"ev_charger\",\"capacity_kwh\":%s,\"max_charge_kw\":%s,\"v2g\":%s",
                  ev.vehicle().batteryCapacity().kilowattHours(),
                  ev.maxRate().kilowatts(),
                  ev.bidirectional() && ev.vehicle().vehicleToGrid());
          case Thermostat t ->
              String.format(
                  Locale.ROOT,
                  "\"kind\":\"thermostat\",\"max_charge_kw\":%s,\"cop\":%s,\"comfort_low_c\":%s,"
                      + "\"comfort_high_c\":%s",
                  t.hvacPower().kilowatts(),
                  t.coefficientOfPerformance(),
                  t.comfortLow().celsius(),
                  t.comfortHigh().celsius());
          case PvInverter pv ->
              String.format(
                  Locale.ROOT,
                  "\"kind\":\"pv_inverter\",\"max_discharge_kw\":%s",
                  pv.acRating().kilowatts());
          case WaterHeater w ->
              String.format(
                  Locale.ROOT,
                  "\"kind\":\"water_heater\",\"max_charge_kw\":%s,\"tank_litres\":%s,"
                      + "\"comfort_low_c\":%s,\"comfort_high_c\":%s",
                  w.elementPower().kilowatts(),
                  w.tankLitres(),
                  w.minTemperature().celsius(),
                  w.maxTemperature().celsius());
          case org.openvpp.device.PartnerResource p ->
              throw new IllegalArgumentException(
                  p.id()
                      + " is a partner's resources, which report through OpenADR, not the device"
                      + " protocol");
        };
    return ("{\"v\":1," + body + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes the birth message of device {@code id} (from its topic). */
  public static Result decode(String id, byte[] payload) {
    FlatJson.Checked checked = FlatJson.parse(payload, KEYS);
    if (checked.verdict() != Verdict.ACCEPTED) {
      return refused(checked.verdict(), checked.problem());
    }
    Map<String, Object> m = checked.members();
    if (!(m.get("v") instanceof Double v) || v != 1) {
      return refused(Verdict.OUT_OF_RANGE, "\"v\" must be 1");
    }
    if (!(m.get("kind") instanceof String kind)) {
      return refused(Verdict.MISSING, "no \"kind\"");
    }
    try {
      DeviceId device = DeviceId.of(id);
      Device d =
          switch (kind) {
            case "battery" ->
                new Battery(
                    device,
                    Energy.ofKilowattHours(number(m, "capacity_kwh")),
                    Power.ofKilowatts(number(m, "max_charge_kw")),
                    Power.ofKilowatts(number(m, "max_discharge_kw")),
                    number(m, "round_trip"),
                    Energy.ofKilowattHours(number(m, "reserve_kwh")));
            case "ev_charger" -> {
              boolean v2g = Boolean.TRUE.equals(m.get("v2g"));
              Power rate = Power.ofKilowatts(number(m, "max_charge_kw"));
              yield new EvCharger(
                  device,
                  rate,
                  v2g,
                  new Vehicle(Energy.ofKilowattHours(number(m, "capacity_kwh")), rate, v2g));
            }
            case "thermostat" ->
                new Thermostat(
                    device,
                    Power.ofKilowatts(number(m, "max_charge_kw")),
                    number(m, "cop"),
                    Temperature.ofCelsius(number(m, "comfort_low_c")),
                    Temperature.ofCelsius(number(m, "comfort_high_c")));
            case "pv_inverter" -> {
              Power ac = Power.ofKilowatts(number(m, "max_discharge_kw"));
              yield new PvInverter(device, ac.times(1.2), ac, true);
            }
            case "water_heater" ->
                new WaterHeater(
                    device,
                    Power.ofKilowatts(number(m, "max_charge_kw")),
                    number(m, "tank_litres"),
                    Temperature.ofCelsius(number(m, "comfort_low_c")),
                    Temperature.ofCelsius(number(m, "comfort_high_c")));
            default -> throw new IllegalArgumentException("unknown kind \"" + kind + "\"");
          };
      return new Result(Verdict.ACCEPTED, Optional.of(d), "");
    } catch (MissingKey e) {
      return refused(Verdict.MISSING, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return refused(Verdict.OUT_OF_RANGE, String.valueOf(e.getMessage()));
    }
  }

  private static final class MissingKey extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingKey(String message) {
      super(message);
    }
  }

  private static double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new MissingKey("no \"" + key + "\"");
    }
    if (!(v instanceof Double d)) {
      throw new IllegalArgumentException("\"" + key + "\" must be a number");
    }
    return d;
  }

  private static Result refused(Verdict v, String problem) {
    return new Result(v, Optional.empty(), problem);
  }
}
