package org.openvpp.ocpp.metering;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * Reads the {@code meterValue} arrays of both versions into {@link Sample}s.
 *
 * <p>Design note. The schemas let through what makes no sense: a 1.6 value is any string, a 2.0.1
 * unit any string of up to 20 characters, and neither ties a unit to its measurand. So each sampled
 * value is checked here, and one that fails is not a sample but a refusal with its reason (the
 * value, its place, what was wrong); the caller decides what a refusal means for its message. A 1.6
 * value is read as a plain decimal ({@link BigDecimal}: no {@code NaN}, {@code Infinity}, hex or
 * type suffix, which {@code Double.parseDouble} would take). Kilo-units and a 2.0.1 multiplier (an
 * exponent of ten, taken from -9 to 9) are applied, so energy is in Wh and power in W. An omitted
 * unit is the measurand's own (Wh for energy, W for power, Percent for SoC, …): OCPP 1.6 says Wh
 * whatever the measurand, but a charger that leaves the unit out of a power sample means watts. A
 * 1.6 value in the {@code SignedData} format is a signed blob, not a number: it is passed over
 * without a refusal. Stateless and thread-safe.
 */
public final class SampledValues {
  private SampledValues() {}

  /**
   * What a {@code meterValue} array held.
   *
   * @param samples the samples that made sense, in order
   * @param refused a reason for each sampled value that did not
   */
  public record Read(List<Sample> samples, List<String> refused) {
    public Read {
      samples = List.copyOf(samples);
      refused = List.copyOf(refused);
    }
  }

  private record Scale(Unit unit, int exponent) {}

  private static final Map<String, Scale> UNITS =
      Map.ofEntries(
          Map.entry("Wh", new Scale(Unit.WATT_HOUR, 0)),
          Map.entry("kWh", new Scale(Unit.WATT_HOUR, 3)),
          Map.entry("varh", new Scale(Unit.VAR_HOUR, 0)),
          Map.entry("kvarh", new Scale(Unit.VAR_HOUR, 3)),
          Map.entry("VAh", new Scale(Unit.VOLT_AMPERE_HOUR, 0)),
          Map.entry("kVAh", new Scale(Unit.VOLT_AMPERE_HOUR, 3)),
          Map.entry("W", new Scale(Unit.WATT, 0)),
          Map.entry("kW", new Scale(Unit.WATT, 3)),
          Map.entry("var", new Scale(Unit.VAR, 0)),
          Map.entry("kvar", new Scale(Unit.VAR, 3)),
          Map.entry("VA", new Scale(Unit.VOLT_AMPERE, 0)),
          Map.entry("kVA", new Scale(Unit.VOLT_AMPERE, 3)),
          Map.entry("A", new Scale(Unit.AMPERE, 0)),
          Map.entry("V", new Scale(Unit.VOLT, 0)),
          Map.entry("Hz", new Scale(Unit.HERTZ, 0)),
          Map.entry("Percent", new Scale(Unit.PERCENT, 0)),
          Map.entry("K", new Scale(Unit.KELVIN, 0)),
          Map.entry("Celsius", new Scale(Unit.CELSIUS, 0)),
          Map.entry("Celcius", new Scale(Unit.CELSIUS, 0)), // 1.6's schema spells it so too
          Map.entry("Fahrenheit", new Scale(Unit.FAHRENHEIT, 0)),
          Map.entry("RPM", new Scale(Unit.RPM, 0)));

  /** The units a measurand may be in; the first is the one meant when the unit is omitted. */
  private static List<Unit> unitsOf(String measurand) {
    if (measurand.startsWith("Energy.Active.")) {
      return List.of(Unit.WATT_HOUR);
    } else if (measurand.startsWith("Energy.Reactive.")) {
      return List.of(Unit.VAR_HOUR);
    } else if (measurand.startsWith("Energy.Apparent.")) {
      return List.of(Unit.VOLT_AMPERE_HOUR);
    } else if (measurand.startsWith("Power.Active.") || measurand.equals("Power.Offered")) {
      return List.of(Unit.WATT);
    } else if (measurand.startsWith("Power.Reactive.")) {
      return List.of(Unit.VAR);
    } else if (measurand.equals("Power.Factor")) {
      return List.of(Unit.NONE);
    } else if (measurand.startsWith("Current.")) {
      return List.of(Unit.AMPERE);
    } else if (measurand.equals("Voltage")) {
      return List.of(Unit.VOLT);
    } else if (measurand.equals("Frequency")) {
      return List.of(Unit.HERTZ);
    } else if (measurand.equals("Temperature")) {
      return List.of(Unit.CELSIUS, Unit.KELVIN, Unit.FAHRENHEIT);
    } else if (measurand.equals("SoC")) {
      return List.of(Unit.PERCENT);
    } else if (measurand.equals("RPM")) {
      return List.of(Unit.RPM);
    }
    return List.of();
  }

  /** Reads {@code array}, a meterValue array valid against {@code version}'s schema. */
  public static Read read(OcppVersion version, JsonNode array) {
    List<Sample> samples = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int i = 0;
    for (JsonNode mv : array) {
      String where = "meterValue[" + i + "]";
      Instant at;
      try {
        at = OffsetDateTime.parse(mv.path("timestamp").asText()).toInstant();
      } catch (DateTimeParseException e) {
        refused.add(where + ".timestamp " + mv.path("timestamp") + " is not a date-time");
        i++;
        continue;
      }
      int j = 0;
      for (JsonNode sv : mv.path("sampledValue")) {
        String place = where + ".sampledValue[" + j++ + "]";
        if (version == OcppVersion.V1_6 && sv.path("format").asText().equals("SignedData")) {
          continue;
        }
        try {
          samples.add(sample(version, at, sv));
        } catch (IllegalArgumentException e) {
          refused.add(place + ": " + e.getMessage());
        }
      }
      i++;
    }
    return new Read(samples, refused);
  }

  private static Sample sample(OcppVersion version, Instant at, JsonNode sv) {
    String measurand = sv.path("measurand").asText(Sample.ENERGY_IMPORT_REGISTER);
    JsonNode v = sv.path("value");
    double value;
    String unitText;
    int multiplier;
    if (version == OcppVersion.V1_6) {
      value = decimal(v.asText());
      unitText = sv.path("unit").asText("");
      multiplier = 0;
    } else {
      value = v.doubleValue();
      JsonNode uom = sv.path("unitOfMeasure");
      unitText = uom.path("unit").asText("");
      multiplier = uom.path("multiplier").asInt(0);
      if (multiplier < -9 || multiplier > 9) {
        throw new IllegalArgumentException(
            "multiplier " + multiplier + " is out of range (-9 to 9) for " + measurand);
      }
    }
    List<Unit> allowed = unitsOf(measurand);
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("measurand " + measurand + " is not known");
    }
    Scale scale;
    if (unitText.isEmpty()) {
      scale = new Scale(allowed.get(0), 0);
    } else {
      Scale known = UNITS.get(unitText);
      if (known == null) {
        throw new IllegalArgumentException(
            "unit " + quoted(unitText) + " is not known (" + measurand + ")");
      }
      scale = known;
    }
    if (!allowed.contains(scale.unit())) {
      throw new IllegalArgumentException(
          "unit "
              + quoted(unitText)
              + " does not fit "
              + measurand
              + " (in "
              + symbols(allowed)
              + ")");
    }
    double scaled = value * Math.pow(10, scale.exponent() + multiplier);
    if (!Double.isFinite(scaled)) {
      throw new IllegalArgumentException(measurand + " value " + v + " is out of range");
    }
    JsonNode phase = sv.path("phase");
    return new Sample(
        at,
        measurand,
        scaled,
        scale.unit(),
        phase.isTextual() ? Optional.of(phase.textValue()) : Optional.empty(),
        sv.path("context").asText("Sample.Periodic"),
        sv.path("location").asText("Outlet"));
  }

  private static double decimal(String text) {
    try {
      double d = new BigDecimal(text.strip()).doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("value " + quoted(text) + " is not a number");
  }

  private static String symbols(List<Unit> units) {
    return String.join(
        ", ", units.stream().map(u -> u.symbol().isEmpty() ? "no unit" : u.symbol()).toList());
  }

  private static String quoted(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
  }
}
