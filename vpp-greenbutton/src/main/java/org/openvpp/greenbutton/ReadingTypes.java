package org.openvpp.greenbutton;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openvpp.meter.MeterReading;

/**
 * Which ESPI ReadingTypes OpenVPP reads, and how their values become energy: electric energy in Wh
 * ({@code uom} 72, {@code commodity} 1, 2 or none) as interval deltas ({@code
 * accumulationBehaviour} 4) of a forward, reverse or net flow, over 5 to 60 minutes. Anything else
 * refuses the file, with a message saying what it was and what is read (docs/metering.md).
 */
final class ReadingTypes {
  private ReadingTypes() {}

  static final int WATT_HOURS = 72;
  static final int DELTA_DATA = 4;
  static final int BULK_QUANTITY = 1;

  private static final Map<Integer, String> UNITS =
      Map.ofEntries(
          Map.entry(5, "A"),
          Map.entry(29, "V"),
          Map.entry(38, "W"),
          Map.entry(42, "m³"),
          Map.entry(61, "VA"),
          Map.entry(63, "VAr"),
          Map.entry(71, "VAh"),
          Map.entry(72, "Wh"),
          Map.entry(73, "VArh"),
          Map.entry(119, "ft³"),
          Map.entry(169, "therm"));

  private static final Map<Integer, String> COMMODITIES =
      Map.of(
          0, "none",
          1, "electricity, secondary metered",
          2, "electricity, primary metered",
          7, "natural gas",
          8, "propane",
          9, "potable water");

  /** A flow of energy, as ESPI's {@code flowDirection} names it. */
  enum Flow {
    /** 1: delivered to the customer; its values are imported energy. */
    FORWARD,
    /** 19: received from the customer; its values are exported energy. */
    REVERSE,
    /** 4: forward minus reverse; a positive value is imported, a negative one exported. */
    NET;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A reading type OpenVPP reads: its flow, and the power of ten its values are scaled by. */
  record Accepted(Flow flow, int powerOfTen) {

    /** A value of this type in watt-hours. */
    double wattHours(long value) {
      return new BigDecimal(value).scaleByPowerOfTen(powerOfTen).doubleValue();
    }
  }

  /** The reading type's flow and scale, or the file's refusal. */
  static Accepted check(RawFeed.FieldsEntry type) {
    Map<String, RawFeed.Field> fields = type.fields();
    String where =
        "ReadingType " + type.entry().name() + " (entry at line " + type.entry().line() + ")";
    Integer uom = integer(where, fields, "uom");
    Integer commodity = integer(where, fields, "commodity");
    if (uom == null
        || uom != WATT_HOURS
        || (commodity != null && commodity != 1 && commodity != 2)) {
      throw new GreenButtonException(
          GreenButtonException.Reason.WRONG_UNITS,
          where
              + (uom == null ? " states no uom" : " is uom " + uom + name(UNITS, uom))
              + at(fields, "uom")
              + (commodity == null ? "" : ", commodity " + commodity + name(COMMODITIES, commodity))
              + at(fields, "commodity")
              + "; OpenVPP reads electric energy: uom 72 (Wh) with commodity 1 or 2 (electricity)"
              + " or none stated, not power, current, gas or water");
    }
    Integer accumulation = integer(where, fields, "accumulationBehaviour");
    if (accumulation == null || accumulation != DELTA_DATA) {
      throw new GreenButtonException(
          GreenButtonException.Reason.UNSUPPORTED,
          where
              + (accumulation == null
                  ? " states no accumulationBehaviour"
                  : " is accumulationBehaviour "
                      + accumulation
                      + at(fields, "accumulationBehaviour")
                      + (accumulation == BULK_QUANTITY
                          ? " (bulkQuantity): a cumulative register, not interval data"
                          : ""))
              + ". OpenVPP needs interval data: accumulationBehaviour 4 (deltaData), the energy"
              + " of each interval; ask the utility for 15-minute or hourly interval data");
    }
    Integer direction = integer(where, fields, "flowDirection");
    Flow flow;
    if (direction == null || direction == 1) {
      flow = Flow.FORWARD;
    } else if (direction == 19) {
      flow = Flow.REVERSE;
    } else if (direction == 4) {
      flow = Flow.NET;
    } else {
      throw new GreenButtonException(
          GreenButtonException.Reason.UNSUPPORTED,
          where
              + " is flowDirection "
              + direction
              + at(fields, "flowDirection")
              + "; OpenVPP reads 1 (forward: delivered to the customer), 19 (reverse: received"
              + " from the customer) or 4 (net)");
    }
    Integer length = integer(where, fields, "intervalLength");
    if (length != null && !MeterReading.LENGTHS.contains(Duration.ofSeconds(length))) {
      throw new GreenButtonException(
          GreenButtonException.Reason.UNSUPPORTED,
          where
              + " has intervalLength "
              + length
              + " s ("
              + describe(length)
              + ")"
              + at(fields, "intervalLength")
              + "; OpenVPP reads interval data of 5, 15, 30 or 60 minutes (300, 900, 1800 or"
              + " 3600 s), not daily or billing-period summaries");
    }
    Integer power = integer(where, fields, "powerOfTenMultiplier");
    if (power != null && (power < -9 || power > 9)) {
      throw new GreenButtonException(
          GreenButtonException.Reason.UNSUPPORTED,
          where
              + " has powerOfTenMultiplier "
              + power
              + at(fields, "powerOfTenMultiplier")
              + "; OpenVPP reads -9 to 9");
    }
    return new Accepted(flow, power == null ? 0 : power);
  }

  /** A length in seconds as people say it: "1 day", "2 hours", "10 minutes", "45 s". */
  static String describe(long seconds) {
    if (seconds > 0 && seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds > 0 && seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return seconds + " s";
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** Where a field is, as ", line N", or nothing if absent. */
  private static String at(Map<String, RawFeed.Field> fields, String name) {
    RawFeed.Field field = fields.get(name);
    return field == null ? "" : " at line " + field.line();
  }

  private static String name(Map<Integer, String> names, int code) {
    String name = names.get(code);
    return name == null ? "" : " (" + name + ")";
  }

  private static @Nullable Integer integer(
      String where, Map<String, RawFeed.Field> fields, String name) {
    RawFeed.Field field = fields.get(name);
    if (field == null) {
      return null;
    }
    try {
      return Integer.valueOf(field.text());
    } catch (NumberFormatException e) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          where
              + " has "
              + name
              + " '"
              + field.text()
              + "' (line "
              + field.line()
              + "), where ESPI has a whole number",
          e);
    }
  }
}
