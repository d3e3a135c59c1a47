package org.openvpp.world.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openvpp.mv.baseline.Baseline;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.BaselineException;
import org.openvpp.mv.baseline.CaisoTenInTen;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.sim.fleet.Misbehaviour;
import org.openvpp.time.Interval;
import org.openvpp.world.api.ServiceApi;

/**
 * What the service did over a season, as it reports it through its API (its events, its own M&amp;V
 * by each program's baseline, its settlement), set beside the simulation's truth: what the sites it
 * measured would have used without the VPP ({@link TruthFile}). The truth is labelled as such
 * everywhere; the service never sees it.
 *
 * <p>Per event: what was committed, what the service credited by baseline, what the sites truly
 * delivered, and the baseline's error ({@code (credited − true) / true}). Over the season: the
 * totals, the money, and whether any telemetry or reading the world sent was lost.
 */
public final class Evaluation {

  /**
   * One event, as the service measured it and as it truly was.
   *
   * @param id the service's event id
   * @param programId its program
   * @param state its state
   * @param window when it ran (as measured)
   * @param committedKwh what was committed
   * @param creditedKwh delivered by the program's baseline, as the service measured it
   * @param trueKwh delivered against the same sites without the VPP (the simulation's truth)
   * @param measured sites measured
   * @param fallback sites measured by the fallback method
   * @param elsewhere sites measured in an overlapping event of another program instead
   * @param notMeasured sites not measured (no data, no consent, no baseline)
   * @param revision the measurement's revision
   * @param truly what the simulation's truth says beyond the delivery, where it knows
   */
  public record EventFigures(
      String id,
      String programId,
      String state,
      Interval window,
      double committedKwh,
      double creditedKwh,
      Optional<Double> trueKwh,
      long measured,
      long fallback,
      long elsewhere,
      long notMeasured,
      int revision,
      Truly truly) {

    /** The same event with {@code other} truths. */
    EventFigures withTruly(Truly other) {
      return new EventFigures(
          id,
          programId,
          state,
          window,
          committedKwh,
          creditedKwh,
          trueKwh,
          measured,
          fallback,
          elsewhere,
          notMeasured,
          revision,
          other);
    }

    /** The baseline's error against the truth, as a share of the true delivery. */
    public Optional<Double> baselineError() {
      return trueKwh.filter(t -> Math.abs(t) > 1e-6).map(t -> (creditedKwh - t) / t);
    }
  }

  /**
   * What only the simulation knows of an event beyond its delivery.
   *
   * @param holdableKwh for a battery program: the largest flat reduction its batteries could truly
   *     have held through the window ({@link TruthFile.Holdable})
   * @param kindKwh what all the fleet's devices of the program's kind (its one eligible device
   *     kind) used over the window, with the VPP and without it: {@code [with, without]}
   * @param reboundPeakKw the measured sites' highest 15-minute demand in the {@link #REBOUND} after
   *     the event, with the VPP and without it: {@code [with, without]}
   * @param baselineMove how much what the VPP did moved the measured sites' CAISO 10-in-10 baseline
   *     of the event, computed on their summed load; empty where the truth has too few reference
   *     days
   */
  public record Truly(
      Optional<Double> holdableKwh,
      Optional<double[]> kindKwh,
      Optional<double[]> reboundPeakKw,
      Optional<BaselineMove> baselineMove) {
    static final Truly NOTHING =
        new Truly(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * What the devices of the program's kind truly gave: their energy without the VPP less with.
     */
    public Optional<Double> kindReductionKwh() {
      return kindKwh.map(v -> v[1] - v[0]);
    }

    /** The rebound's peak with the VPP against the peak without it. */
    public Optional<Double> reboundRatio() {
      return reboundPeakKw.filter(p -> p[1] > 1e-6).map(p -> p[0] / p[1]);
    }
  }

  /**
   * How much the VPP moved a 10-in-10 baseline, each {@code with / without − 1}.
   *
   * @param reference the average of the reference days alone: what the VPP did before the notice
   * @param adjusted with the day-of adjustment too, which also looks at the event day's hours
   *     before the event (after a notice given that day)
   */
  public record BaselineMove(double reference, double adjusted) {}

  /** How long after an event its rebound is looked at. */
  public static final Duration REBOUND = Duration.ofHours(3);

  /**
   * The season's figures.
   *
   * @param events every event of the service, measured or not
   * @param telemetrySent what the world's fleet published
   * @param telemetry the service's count of the same, by outcome
   * @param readingsSent meter readings the world's meters sent
   * @param readings the service's count of readings, by verdict
   * @param paidUsd paid to participants over the months closed or open
   * @param invoicedUsd owed by the utility
   */
  public record Figures(
      List<EventFigures> events,
      long telemetrySent,
      Map<String, Long> telemetry,
      long readingsSent,
      Map<String, Long> readings,
      double paidUsd,
      double invoicedUsd) {

    public double committedKwh() {
      return events.stream().mapToDouble(EventFigures::committedKwh).sum();
    }

    public double creditedKwh() {
      return events.stream().mapToDouble(EventFigures::creditedKwh).sum();
    }

    public double trueKwh() {
      return events.stream().mapToDouble(e -> e.trueKwh().orElse(0.0)).sum();
    }

    /**
     * Telemetry reports the service never counted: sent − (accepted + late + refused); chargers'
     * news over OCPP is not telemetry (each CALL is answered, so none is lost unseen).
     */
    public long telemetryLost() {
      long counted = 0;
      for (Map.Entry<String, Long> e : telemetry.entrySet()) {
        if (!e.getKey().equals("lost") && !e.getKey().startsWith(OCPP)) {
          counted += e.getValue();
        }
      }
      return Math.max(0, telemetrySent - counted);
    }

    /** Readings the service never judged: sent − all its verdicts. */
    public long readingsLost() {
      long counted = readings.values().stream().mapToLong(Long::longValue).sum();
      return Math.max(0, readingsSent - counted);
    }
  }

  private Evaluation() {}

  /**
   * Reads the service's events, M&amp;V and books through {@code api} and sets them beside {@code
   * truth}.
   *
   * @param meterOf the meter id of a site id (the world knows its homes)
   * @param months the months to read the invoice of
   * @param zone the sites' time zone (for the baselines' days)
   */
  public static Figures of(
      ServiceApi api,
      TruthFile truth,
      ZoneId zone,
      Function<String, String> meterOf,
      List<YearMonth> months,
      long telemetrySent,
      long readingsSent) {
    Map<String, String> kinds = new HashMap<>();
    for (JsonNode p : items(api, "/api/v1/programs")) {
      JsonNode eligible = p.path("eligibleDevices");
      if (eligible.size() == 1) {
        kinds.put(p.path("id").asText(), eligible.get(0).asText());
      }
    }
    List<EventFigures> events = new ArrayList<>();
    Map<String, List<String>> measuredMeters = new HashMap<>();
    for (JsonNode e : items(api, "/api/v1/events")) {
      String id = e.path("id").asText();
      JsonNode m = api.get("/api/v1/events/" + id + "/measurement").body();
      if (!m.has("sites")) {
        events.add(
            new EventFigures(
                id,
                e.path("programId").asText(),
                e.path("state").asText(),
                new Interval(
                    Instant.parse(e.path("start").asText()), Instant.parse(e.path("end").asText())),
                0,
                0,
                Optional.empty(),
                0,
                0,
                0,
                0,
                0,
                Truly.NOTHING));
        continue;
      }
      Interval window =
          new Interval(
              Instant.parse(m.path("start").asText()), Instant.parse(m.path("end").asText()));
      List<String> meters = new ArrayList<>();
      long fallback = 0;
      long elsewhere = 0;
      for (JsonNode s : m.path("sites")) {
        String status = s.path("status").asText();
        if (status.equals("MEASURED")) {
          meters.add(meterOf.apply(s.path("siteId").asText()));
          fallback += s.path("fallback").asBoolean() ? 1 : 0;
        } else if (status.equals("MEASURED_ELSEWHERE")) {
          elsewhere++;
        }
      }
      Optional<Double> trueKwh = truth.over(meters, window).map(v -> v[1] - v[0]);
      String programId = m.path("programId").asText();
      Optional<String> kind = Optional.ofNullable(kinds.get(programId));
      Truly truly =
          new Truly(
              truth.holdable().stream()
                  .filter(h -> h.programId().equals(programId) && h.window().equals(window))
                  .map(TruthFile.Holdable::reductionKwh)
                  .findFirst(),
              kind.flatMap(k -> truth.kindOver(k, window)),
              meters.isEmpty()
                  ? Optional.empty()
                  : truth.peaks(meters, new Interval(window.end(), window.end().plus(REBOUND))),
              Optional.empty());
      measuredMeters.put(id, meters);
      JsonNode totals = m.path("totals");
      events.add(
          new EventFigures(
              id,
              m.path("programId").asText(),
              e.path("state").asText(),
              window,
              m.path("committedKwh").asDouble(),
              totals.path("deliveredKwh").asDouble(),
              meters.isEmpty() ? Optional.empty() : trueKwh,
              totals.path("measured").asLong(),
              fallback,
              elsewhere,
              totals.path("notMeasured").asLong() - elsewhere,
              m.path("revision").asInt(),
              truly));
    }
    events = withBaselineMoves(events, measuredMeters, truth, zone);
    JsonNode status = api.get("/api/v1/status").body();
    Map<String, Long> telemetry = counts(status.path("telemetry"));
    Map<String, Long> readings = counts(status.path("readings"));
    double invoiced = 0;
    for (YearMonth month : months) {
      invoiced += api.get("/api/v1/invoices/" + month).body().path("totalUsd").asDouble();
    }
    double paid = 0;
    for (YearMonth month : months) {
      for (JsonNode s : items(api, "/api/v1/statements?month=" + month)) {
        paid += s.path("earnedUsd").asDouble();
      }
    }
    return new Figures(events, telemetrySent, telemetry, readingsSent, readings, paid, invoiced);
  }

  /**
   * Each measured event with its {@link Truly#baselineMove}: the 10-in-10 baseline of its measured
   * sites' summed load with the VPP against the same without it, every measured event's day an
   * event day.
   */
  private static List<EventFigures> withBaselineMoves(
      List<EventFigures> events, Map<String, List<String>> metersOf, TruthFile truth, ZoneId zone) {
    Set<LocalDate> eventDays = new HashSet<>();
    for (EventFigures e : events) {
      if (e.revision() > 0) {
        eventDays.add(e.window().start().atZone(zone).toLocalDate());
      }
    }
    DayCalendar calendar = DayCalendar.usNerc(eventDays);
    Baseline tenInTen = new CaisoTenInTen();
    Map<List<String>, Optional<TruthFile.Series>> groups = new HashMap<>();
    List<EventFigures> out = new ArrayList<>();
    for (EventFigures e : events) {
      List<String> meters = metersOf.getOrDefault(e.id(), List.of());
      Optional<BaselineMove> move = Optional.empty();
      if (!meters.isEmpty()) {
        Optional<TruthFile.Series> g = groups.computeIfAbsent(meters, truth::group);
        move = g.flatMap(series -> baselineMove(series, e.window(), zone, calendar, tenInTen));
      }
      Truly t = e.truly();
      out.add(e.withTruly(new Truly(t.holdableKwh(), t.kindKwh(), t.reboundPeakKw(), move)));
    }
    return out;
  }

  private static Optional<BaselineMove> baselineMove(
      TruthFile.Series s, Interval window, ZoneId zone, DayCalendar calendar, Baseline b) {
    long upTo = Duration.between(s.start(), window.end()).dividedBy(Duration.ofMinutes(15));
    if (upTo <= 0 || upTo > s.count() || window.start().isBefore(s.start())) {
      return Optional.empty();
    }
    int n = (int) upTo;
    try {
      BaselineEstimate with =
          b.estimate(
              MeterData.of(zone, s.start(), Duration.ofMinutes(15), s.with(n)), window, calendar);
      BaselineEstimate without =
          b.estimate(
              MeterData.of(zone, s.start(), Duration.ofMinutes(15), s.without(n)),
              window,
              calendar);
      double unadjustedWith = 0;
      double unadjustedWithout = 0;
      for (int i = 0; i < with.count(); i++) {
        unadjustedWith += with.unadjustedKwh(i);
        unadjustedWithout += without.unadjustedKwh(i);
      }
      double adjustedWithout = without.total().kilowattHours();
      if (Math.abs(adjustedWithout) < 1e-6 || Math.abs(unadjustedWithout) < 1e-6) {
        return Optional.empty();
      }
      return Optional.of(
          new BaselineMove(
              unadjustedWith / unadjustedWithout - 1,
              with.total().kilowattHours() / adjustedWithout - 1));
    } catch (BaselineException notEnough) {
      return Optional.empty();
    }
  }

  private static Map<String, Long> counts(JsonNode n) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  private static List<JsonNode> items(ServiceApi api, String path) {
    List<JsonNode> out = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    for (int offset = 0; ; offset += 500) {
      JsonNode page = api.get(path + sep + "limit=500&offset=" + offset).body();
      JsonNode items = page.path("items");
      items.forEach(out::add);
      if (items.size() < 500) {
        return out;
      }
    }
  }

  /** Prints the figures for a program manager first, then the engineering detail. */
  public static void print(Figures f, ZoneId zone, Misbehaviour onPurpose, PrintStream out) {
    out.println("Season summary (the service's own M&V, by each program's baseline)");
    out.printf(
        Locale.ROOT,
        "  events            %d: %d measured, %d cancelled before they began%n",
        f.events().size(),
        f.events().stream().filter(e -> e.revision() > 0).count(),
        f.events().stream()
            .filter(e -> e.revision() == 0 && e.state().equals("CANCELLED"))
            .count());
    out.printf(Locale.ROOT, "  committed         %.1f kWh%n", f.committedKwh());
    out.printf(
        Locale.ROOT,
        "  delivered         %.1f kWh by baseline (%.1f %% of committed)%n",
        f.creditedKwh(),
        f.committedKwh() > 0 ? 100 * f.creditedKwh() / f.committedKwh() : 0);
    out.printf(
        Locale.ROOT,
        "  money             %.2f USD paid to participants; %.2f USD invoiced to the utility%n",
        f.paidUsd(),
        f.invoicedUsd());
    out.println("The simulation's truth (what only a simulation knows; the service never sees it)");
    out.printf(
        Locale.ROOT,
        "  delivered         %.1f kWh against the same sites without the VPP (%.1f %% of"
            + " committed)%n",
        f.trueKwh(),
        f.committedKwh() > 0 ? 100 * f.trueKwh() / f.committedKwh() : 0);
    out.println(
        "  per event         program, window, state: committed / by baseline / true kWh, baseline"
            + " error, sites");
    for (EventFigures e : f.events()) {
      out.printf(
          Locale.ROOT,
          "    %-40s %s %s-%s %-9s %7.1f / %7.1f / %s kWh  %s  %d sites (%d fallback, %d in"
              + " another program's event, %d not measured)%s%n",
          e.id(),
          e.window().start().atZone(zone).toLocalDate(),
          e.window().start().atZone(zone).toLocalTime(),
          e.window().end().atZone(zone).toLocalTime(),
          e.state(),
          e.committedKwh(),
          e.creditedKwh(),
          e.trueKwh().map(v -> String.format(Locale.ROOT, "%7.1f", v)).orElse("      -"),
          e.baselineError()
              .map(x -> String.format(Locale.ROOT, "%+6.1f %%", 100 * x))
              .orElse("     - "),
          e.measured(),
          e.fallback(),
          e.elsewhere(),
          e.notMeasured(),
          e.revision() > 1 ? ", measured " + e.revision() + " times" : "");
      String truly = truly(e.truly());
      if (!truly.isEmpty()) {
        out.println("      truly: " + truly);
      }
    }
    out.println("Messages");
    out.printf(
        Locale.ROOT,
        "  telemetry         %,d sent: %s; %,d lost%n",
        f.telemetrySent(),
        outcomes(f.telemetry(), true),
        f.telemetryLost());
    if (f.telemetry().containsKey(OCPP + "reports")) {
      out.printf(
          Locale.ROOT,
          "  chargers (OCPP)   %,d reports into the twins, %,d pieces of news ignored (not EV"
              + " chargers of the register)%n",
          f.telemetry().get(OCPP + "reports"),
          f.telemetry().getOrDefault(OCPP + "ignored", 0L));
    }
    out.printf(
        Locale.ROOT,
        "  meter readings    %,d sent: %s; %,d lost%n",
        f.readingsSent(),
        outcomes(f.readings(), false),
        f.readingsLost());
    if (!onPurpose.equals(Misbehaviour.NONE)) {
      out.println("  on purpose        " + onPurpose(onPurpose));
    }
  }

  /** What only the simulation knows of an event, for a reader; empty when it knows nothing. */
  static String truly(Truly t) {
    List<String> parts = new ArrayList<>();
    t.holdableKwh()
        .ifPresent(
            v ->
                parts.add(String.format(Locale.ROOT, "the batteries could have held %.1f kWh", v)));
    t.kindReductionKwh()
        .ifPresent(
            v ->
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "the fleet's devices of the program's kind gave %.1f kWh",
                        v)));
    t.reboundPeakKw()
        .ifPresent(
            p ->
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "peak in the %d h after %.1f kW (%.1f kW without the VPP)",
                        REBOUND.toHours(),
                        p[0],
                        p[1])));
    t.baselineMove()
        .ifPresent(
            m ->
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "the VPP moved the 10-in-10 baseline %+.1f %% on its reference days, %+.1f"
                            + " %% with the day-of adjustment",
                        100 * m.reference(),
                        100 * m.adjusted())));
    return String.join("; ", parts);
  }

  /**
   * What the world's devices do on purpose, as real ones do, so that a reader takes late reports,
   * devices not following and gaps for the scenario's doing, not a fault of the service.
   */
  static String onPurpose(Misbehaviour m) {
    return String.format(
        Locale.ROOT,
        "the scenario's devices misbehave as real ones do: reports delayed up to %.0f s (so some"
            + " arrive late), %.0f %% ignore commands, %.2f offline spells a device a day of"
            + " %.0f–%.0f min, commands acted on after %.0f–%.0f s",
        m.telemetryDelayMaxSeconds(),
        100 * m.ignoringShare(),
        m.offlinePerDay(),
        m.offlineMinMinutes(),
        m.offlineMaxMinutes(),
        m.latencyMinSeconds(),
        m.latencyMaxSeconds());
  }

  /** The outcome keys that are not refusals ({@code lost} is the service's count of gaps). */
  private static final Set<String> NOT_REFUSALS = Set.of("accepted", "late", "lost");

  /** The prefix of the service's counts of chargers' news over OCPP (not MQTT telemetry). */
  private static final String OCPP = "ocpp_";

  /**
   * What became of messages, for a reader: how many were accepted, kept but late (valid, but older
   * than what the twin holds; with {@code late}), and refused, with the count of each reason.
   * {@code counts} holds the service's counts by outcome key ({@code lost} is not one).
   */
  static String outcomes(Map<String, Long> counts, boolean late) {
    StringBuilder b =
        new StringBuilder(
            String.format(Locale.ROOT, "%,d accepted", counts.getOrDefault("accepted", 0L)));
    if (late) {
      b.append(String.format(Locale.ROOT, ", %,d kept but late", counts.getOrDefault("late", 0L)));
    }
    Map<String, Long> refused = new TreeMap<>();
    counts.forEach(
        (k, n) -> {
          if (!NOT_REFUSALS.contains(k) && !k.startsWith(OCPP) && n > 0) {
            refused.put(k, n);
          }
        });
    long total = refused.values().stream().mapToLong(Long::longValue).sum();
    b.append(String.format(Locale.ROOT, ", %,d refused", total));
    if (!refused.isEmpty()) {
      b.append(
          refused.entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
              .collect(Collectors.joining(", ", " (", ")")));
    }
    return b.toString();
  }
}
