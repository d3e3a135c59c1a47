package org.openvpp.service.register;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.Enrolment;
import org.openvpp.program.ProgramException;
import org.openvpp.units.Power;

/**
 * A utility moving an existing program brings its customers, sites and devices as CSV, one row per
 * device (or per site without one), with the program each device is enrolled in and the consent it
 * rests on:
 *
 * <pre>
 * customer_id,customer_name,site_id,meter_id,region,feeder,device_id,device_kind,capacity_kw,program_id,consent_scopes,consent_expires
 * c-1,Ana Diaz,s-1,m-1,fontana,fontana/feeder-1,acme:b-1,battery,5.0,byo-battery,control+meter_data,2027-08-15T00:00:00Z
 * </pre>
 *
 * <p><b>Rules.</b> The header names these columns in this order. Rows of one customer repeat its
 * name, rows of one site its customer, meter, region and feeder. {@code device_id}, {@code
 * device_kind} ({@code battery}, {@code ev_charger}, {@code thermostat}, {@code pv_inverter},
 * {@code water_heater}) and {@code capacity_kw} (over 0, at most 1,000) come together or not at
 * all; so do {@code program_id} and {@code consent_scopes} ({@code control}, {@code meter_data},
 * joined by {@code +}), which need a device. A site's rows in one program make one enrolment of all
 * their devices, under one consent. {@code consent_expires} is an ISO-8601 instant or empty. At
 * most {@link #MAX_ROWS} rows. Each refused row is named by its line and reason; one refused row
 * refuses the whole import.
 */
public final class RegisterImport {
  /** The most rows one import takes. */
  public static final int MAX_ROWS = 10_000;

  static final List<String> HEADER =
      List.of(
          "customer_id",
          "customer_name",
          "site_id",
          "meter_id",
          "region",
          "feeder",
          "device_id",
          "device_kind",
          "capacity_kw",
          "program_id",
          "consent_scopes",
          "consent_expires");

  /** The most refusals listed; the count says how many there were. */
  static final int MAX_ERRORS = 200;

  private RegisterImport() {}

  /** One data row, as written (trimmed), with its line in the file. */
  record Row(int line, List<String> cells) {
    String get(int column) {
      return cells.get(column);
    }
  }

  /**
   * What an import did.
   *
   * @param rows data rows read
   * @param applied whether it was applied (every row passed)
   * @param errors the refused rows' lines and reasons (at most {@link #MAX_ERRORS})
   * @param refusedRows how many rows were refused
   * @param customers customers added
   * @param sites sites added
   * @param devices devices linked
   * @param enrolments enrolments asked for
   */
  public record Report(
      int rows,
      boolean applied,
      List<String> errors,
      int refusedRows,
      int customers,
      int sites,
      int devices,
      int enrolments) {
    public Report {
      errors = List.copyOf(errors);
    }

    static Report refused(int rows, List<String> errors) {
      return new Report(
          rows,
          false,
          errors.subList(0, Math.min(errors.size(), MAX_ERRORS)),
          errors.size(),
          0,
          0,
          0,
          0);
    }

    static Report applied(List<Row> rows) {
      Set<String> customers = new java.util.HashSet<>();
      Set<String> sites = new java.util.HashSet<>();
      Set<String> enrolments = new java.util.HashSet<>();
      int devices = 0;
      for (Row r : rows) {
        customers.add(r.get(0));
        sites.add(r.get(2));
        if (!r.get(6).isEmpty()) {
          devices++;
        }
        if (!r.get(9).isEmpty()) {
          enrolments.add(r.get(2) + "\u0000" + r.get(9));
        }
      }
      return new Report(
          rows.size(),
          true,
          List.of(),
          0,
          customers.size(),
          sites.size(),
          devices,
          enrolments.size());
    }
  }

  /**
   * Reads the CSV's rows.
   *
   * @throws ProgramException (NOT_ELIGIBLE) for a file that is not this CSV at all: no header, a
   *     wrong header, or too many rows; a row with the wrong number of cells or a bad quote is a
   *     refused row, found by {@link #apply}
   */
  static List<Row> parse(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    Csv.read(csv, records, lines);
    if (records.isEmpty()) {
      throw refusedFile(
          "the CSV is empty; its first line is the header: " + String.join(",", HEADER));
    }
    List<String> header =
        records.get(0).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
    if (!header.equals(HEADER)) {
      throw refusedFile(
          "the header must be exactly: "
              + String.join(",", HEADER)
              + " (was: "
              + String.join(",", header)
              + ")");
    }
    if (records.size() - 1 > MAX_ROWS) {
      throw refusedFile(
          "an import takes at most "
              + MAX_ROWS
              + " rows, this one has "
              + (records.size() - 1)
              + "; split it");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> cells = records.get(i).stream().map(String::trim).toList();
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue; // a blank line
      }
      rows.add(new Row(lines.get(i), cells));
    }
    if (rows.isEmpty()) {
      throw refusedFile("the CSV has a header but no rows");
    }
    return rows;
  }

  private static ProgramException refusedFile(String why) {
    return new ProgramException(ProgramException.Reason.NOT_ELIGIBLE, why);
  }

  /** Applies the rows to {@code register}; returns each refused row's line and reason. */
  static List<String> apply(Register register, List<Row> rows, String by) {
    List<String> errors = new ArrayList<>();
    Map<String, String> customerName = new HashMap<>();
    Map<String, List<String>> siteOf = new HashMap<>();
    // site + program -> devices and the consent's scopes and expiry (first row's), in row order
    Map<String, List<DeviceId>> enrolDevices = new LinkedHashMap<>();
    Map<String, Row> enrolRow = new LinkedHashMap<>();
    for (Row r : rows) {
      try {
        applyRow(register, r, customerName, siteOf, enrolDevices, enrolRow);
      } catch (ProgramException | IllegalArgumentException e) {
        errors.add("line " + r.line() + ": " + e.getMessage());
      }
    }
    for (Map.Entry<String, List<DeviceId>> e : enrolDevices.entrySet()) {
      Row r = enrolRow.get(e.getKey());
      if (r == null) {
        continue;
      }
      try {
        Consent c =
            register.grantConsent(
                r.get(2), "import by " + by, scopes(r.get(10)), expires(r.get(11)));
        Enrolment en = register.enrol(r.get(9), r.get(2), e.getValue(), c.id());
        if (en.status() == Enrolment.Status.WITHDRAWN) {
          errors.add(
              "line " + r.line() + ": enrolment of site " + r.get(2) + " was withdrawn at once");
        }
      } catch (ProgramException | IllegalArgumentException ex) {
        errors.add("line " + r.line() + ": " + ex.getMessage());
      }
    }
    return errors;
  }

  private static void applyRow(
      Register register,
      Row r,
      Map<String, String> customerName,
      Map<String, List<String>> siteOf,
      Map<String, List<DeviceId>> enrolDevices,
      Map<String, Row> enrolRow) {
    if (r.cells().size() != HEADER.size()) {
      throw new IllegalArgumentException(
          "has " + r.cells().size() + " cells, the header " + HEADER.size());
    }
    String customer = required(r, 0);
    String name = required(r, 1);
    String site = required(r, 2);
    String meter = required(r, 3);
    String region = required(r, 4);
    String feeder = required(r, 5);
    String known = customerName.get(customer);
    if (known == null) {
      register.addCustomer(Optional.of(customer), name);
      customerName.put(customer, name);
    } else if (!known.equals(name)) {
      throw new IllegalArgumentException(
          "customer "
              + customer
              + " was named '"
              + known
              + "' on an earlier row, here '"
              + name
              + "'");
    }
    List<String> siteFacts = List.of(customer, meter, region, feeder);
    List<String> seen = siteOf.get(site);
    if (seen == null) {
      register.addSite(Optional.of(site), customer, meter, region, feeder);
      siteOf.put(site, siteFacts);
    } else if (!seen.equals(siteFacts)) {
      throw new IllegalArgumentException(
          "site "
              + site
              + " was given customer, meter, region and feeder "
              + seen
              + " on an earlier row, here "
              + siteFacts);
    }
    String device = r.get(6);
    String kind = r.get(7);
    String capacity = r.get(8);
    String program = r.get(9);
    String scopes = r.get(10);
    boolean hasDevice = !device.isEmpty() || !kind.isEmpty() || !capacity.isEmpty();
    if (hasDevice && (device.isEmpty() || kind.isEmpty() || capacity.isEmpty())) {
      throw new IllegalArgumentException(
          "device_id, device_kind and capacity_kw come together (or none of them)");
    }
    if (!program.isEmpty() != !scopes.isEmpty()) {
      throw new IllegalArgumentException(
          "program_id and consent_scopes come together (or neither)");
    }
    if (!program.isEmpty() && !hasDevice) {
      throw new IllegalArgumentException("program_id needs a device to enrol");
    }
    if (!hasDevice) {
      return;
    }
    DeviceKind k = kind(kind);
    double kw = kilowatts(capacity);
    DeviceId id = DeviceId.of(device);
    register.linkDevice(site, id, k, Power.ofKilowatts(kw));
    if (!program.isEmpty()) {
      scopes(scopes);
      expires(r.get(11));
      String key = site + "\u0000" + program;
      enrolDevices.computeIfAbsent(key, x -> new ArrayList<>()).add(id);
      enrolRow.putIfAbsent(key, r);
    }
  }

  private static String required(Row r, int column) {
    String v = r.get(column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(HEADER.get(column) + " is empty");
    }
    return v;
  }

  private static DeviceKind kind(String text) {
    try {
      return DeviceKind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "device_kind must be one of battery, ev_charger, thermostat, pv_inverter, water_heater;"
              + " was '"
              + text
              + "'");
    }
  }

  private static double kilowatts(String text) {
    double kw;
    try {
      kw = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("capacity_kw must be a number, was '" + text + "'");
    }
    if (!(kw > 0 && kw <= 1_000)) {
      throw new IllegalArgumentException(
          "capacity_kw must be over 0 and at most 1000, was " + text);
    }
    return kw;
  }

  static Set<Consent.Scope> scopes(String text) {
    Set<Consent.Scope> out = EnumSet.noneOf(Consent.Scope.class);
    for (String part : text.split("\\+", -1)) {
      try {
        out.add(Consent.Scope.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "consent_scopes are control and meter_data joined by +, was '" + text + "'");
      }
    }
    return out;
  }

  private static Optional<Instant> expires(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "consent_expires must be an ISO-8601 instant such as 2027-08-15T00:00:00Z, was '"
              + text
              + "'");
    }
  }
}
