package org.openvpp.server.run;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.openvpp.mv.EventPerformance;

/** Prints a run's intervals and summary as a plain-text table. */
public final class ConsoleReport {
  private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

  private ConsoleReport() {}

  /** Rounds to the printed precision, so that no value prints as "-0.0". */
  private static double plain(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == 0 ? 0 : r;
  }

  public static void print(RunReport r, PrintStream out) {
    ZoneId zone = r.scenario().zone();
    out.println();
    out.printf(
        Locale.ROOT,
        "%-5s  %9s  %10s  %9s  %10s  %10s  %10s  %10s%n",
        "time",
        "flex kW",
        "flex kWh",
        "target kW",
        "battery kW",
        "net kW",
        "delivrd kW",
        "short kW");
    for (IntervalRow row : r.rows()) {
      out.printf(
          Locale.ROOT,
          "%-5s  %9.1f  %10.1f  %9.1f  %10.1f  %10.1f  %10s  %10s%n",
          HHMM.format(row.interval().start().atZone(zone)),
          plain(row.availableKw()),
          plain(row.availableKwh()),
          plain(row.targetKw()),
          plain(row.batteryKw()),
          plain(row.netLoadKw()),
          row.deliveredKw().map(v -> String.format(Locale.ROOT, "%.1f", plain(v))).orElse("-"),
          row.shortfallKw().map(v -> String.format(Locale.ROOT, "%.1f", plain(v))).orElse("-"));
    }
    EventPerformance p = r.performance();
    out.println();
    out.println("Summary");
    out.printf(
        Locale.ROOT,
        "  fleet             %s: %d homes, %d h from %s (%s)%n",
        r.scenario().name(),
        r.scenario().homes(),
        r.scenario().hours(),
        r.scenario().start().toLocalDateTime(),
        r.scenario().zone());
    out.printf(
        Locale.ROOT,
        "  utility event     %s %s-%s, received %s from %s%n",
        r.event().id(),
        HHMM.format(r.event().window().start().atZone(zone)),
        HHMM.format(r.event().window().end().atZone(zone)),
        HHMM.format(r.event().received().atZone(zone)),
        r.event().source());
    out.printf(
        Locale.ROOT,
        "  committed         %.1f kWh%n  delivered         %.1f kWh (%.1f %% of committed),"
            + " against the same fleet without the VPP%n",
        p.committed().kilowattHours(),
        p.delivered().kilowattHours(),
        100 * p.deliveredRatio());
    EventPerformance b = r.byBaseline();
    out.printf(
        Locale.ROOT,
        "  by baseline       %.1f kWh credited by a pre-notice baseline (%+.1f %% error)%n",
        b.delivered().kilowattHours(),
        p.delivered().wattHours() == 0
            ? 0
            : 100 * (b.delivered().wattHours() / p.delivered().wattHours() - 1));
    out.printf(
        Locale.ROOT,
        "  shortfall         %.1f kWh in all, worst interval %.1f kW%n",
        p.shortfall().kilowattHours(),
        p.worstShortfall().kilowatts());
    out.printf(
        Locale.ROOT,
        "  event peak        %.1f kW net load, %.1f kW without the VPP (%.1f %% lower)%n",
        r.peakNetLoadEventKw(),
        r.peakHomeLoadEventKw(),
        r.peakHomeLoadEventKw() <= 0
            ? 0
            : 100 * (1 - r.peakNetLoadEventKw() / r.peakHomeLoadEventKw()));
    out.printf(
        Locale.ROOT,
        "  reserve           lowest margin above a reserve under command: %.3f kWh (%s)%n",
        r.minReserveMarginKwh(),
        r.minReserveMarginKwh() >= -1e-6 ? "no reserve broken" : "RESERVE BROKEN");
    out.printf(
        Locale.ROOT,
        "  devices           %d batteries connected; %d ignore commands; the dispatcher left out %d%n",
        r.dispatchedDevices(),
        r.ignoringDevices(),
        r.excludedDevices());
    out.printf(
        Locale.ROOT,
        "  messages          %d commands sent, %d telemetry accepted, %d refused%n",
        r.commandsSent(),
        r.telemetryAccepted(),
        r.telemetryRejected());
    out.printf(Locale.ROOT, "  link              %s%n", r.link());
    out.printf(
        Locale.ROOT,
        "  batteries hold    %.1f kWh at the end, %.1f kWh without the VPP%n",
        r.storedEndKwh(),
        r.storedEndWithoutKwh());
    if (r.energyCost().isPresent() && r.energyCostWithout().isPresent()) {
      out.printf(
          Locale.ROOT,
          "  energy cost       %s for the fleet's net energy at %s day-ahead prices, %s without the"
              + " VPP%n",
          r.energyCost().get(),
          r.scenario().prices().key(),
          r.energyCostWithout().get());
    }
    if (r.energyCostCounted().isPresent() && r.energyCostWithoutCounted().isPresent()) {
      out.printf(
          Locale.ROOT,
          "  counting storage  %s, %s without the VPP (the batteries' energy gained or lost over the"
              + " run valued at its mean price)%n",
          r.energyCostCounted().get(),
          r.energyCostWithoutCounted().get());
    }
    RunSettlement.print(r.settlement(), out);
    RunReport.Charging c = r.charging();
    RunEnrolment.Summary e = r.settlement().enrolment();
    out.printf(
        Locale.ROOT,
        "  managed charging  %d chargers, %d enrolled, %d drivers opted out; %.1f kWh deferred out of"
            + " the event (%.1f kW on average); %d commands%n",
        c.chargers(),
        e.carsEnrolled(),
        e.carsOptedOut(),
        c.deferredKwh(),
        c.reductionKw(),
        c.commands());
    out.printf(
        Locale.ROOT,
        "  cars ready        %d of %d sessions leave with all they would have had without the VPP (%s);"
            + " chargers' peak after the event %.1f kW, %.1f kW without%n",
        c.sessionsJudged() - c.lateCars(),
        c.sessionsJudged(),
        c.lateCars() == 0
            ? "no car late"
            : String.format(Locale.ROOT, "%d LATE, %.2f kWh short", c.lateCars(), c.shortKwh()),
        c.peakAfterKw(),
        c.peakAfterWithoutKw());
    RunReport.Thermostats t = r.thermostats();
    out.printf(
        Locale.ROOT,
        "  thermostats       %d, %d enrolled, %d opted out; %.1f kW less through the event on average"
            + " (%.1f kW asked); peak after %.1f kW, %.1f kW without; %s; %d commands%n",
        t.thermostats(),
        e.thermostatsEnrolled(),
        e.thermostatsOptedOut(),
        t.reductionKw(),
        t.askedKw(),
        t.peakAfterKw(),
        t.peakAfterWithoutKw(),
        t.homesFartherOutside() == 0
            ? "no home farther outside its comfort band than without the VPP"
            : String.format(
                Locale.ROOT,
                "%d HOMES FARTHER OUTSIDE their comfort band (worst +%.2f °C)",
                t.homesFartherOutside(),
                t.worstExtraC()),
        t.commands());
    out.printf(Locale.ROOT, "  wall time         %d ms%n", r.wallTime().toMillis());
  }
}
