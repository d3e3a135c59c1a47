package org.openvpp.world.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.Interval;

/**
 * The largest flat reduction a program's batteries could truly have held through one of the
 * utility's events, from the simulation's truth: the yardstick a commitment is set against, so that
 * promising little is not a way to deliver all of it.
 *
 * <p>At the event's start, every battery of the program that takes part (its customer signed up and
 * enrolled, consent in force, not opted out of the event), answers commands and is online gives the
 * flat discharge its power and the energy above the customer's reserve allow through the window
 * ({@link SimFleet#holdableDischargeKw}), as the VPP left it at the start. The same batteries in
 * the world without the VPP would have discharged some energy anyway, covering their homes' load:
 * that part is no reduction and is taken off, minute by minute, through the window (and what they
 * would have charged from the sun's surplus then is added: without it, more of the sun's energy
 * would have left the site).
 *
 * <p>Threads: the world's.
 */
public final class Holdable {
  private final String programId;
  private final Interval window;
  private final int[] homes;
  private final double flatKw;
  private double usualKwh;

  private Holdable(String programId, Interval window, int[] homes, double flatKw) {
    this.programId = programId;
    this.window = window;
    this.homes = homes;
    this.flatKw = flatKw;
  }

  /**
   * Counts the batteries at the window's start ({@code with}: the world with the VPP, before it
   * steps from the start).
   *
   * @param takesPart whether home {@code h}'s battery is in the program for this event
   */
  public static Holdable begin(
      String programId, Interval window, SimFleet with, IntPredicate takesPart) {
    Instant at = window.start();
    List<Integer> counted = new ArrayList<>();
    double flat = 0;
    for (int h = 0; h < with.homes(); h++) {
      OptionalInt g = with.batteryDevice(h);
      if (g.isEmpty()
          || !takesPart.test(h)
          || with.ignoresCommands(g.getAsInt())
          || with.isOffline(g.getAsInt(), at)) {
        continue;
      }
      counted.add(h);
      flat += with.holdableDischargeKw(h, window.length());
    }
    return new Holdable(
        programId, window, counted.stream().mapToInt(Integer::intValue).toArray(), flat);
  }

  public Interval window() {
    return window;
  }

  /**
   * Adds what the counted batteries gave their homes over the step just taken in the world without
   * the VPP ({@code without}); what they took (charging from the sun's surplus) counts against it,
   * as the site meters see it.
   */
  public void step(SimFleet without, Duration dt) {
    double hours = dt.toSeconds() / 3600.0;
    for (int h : homes) {
      usualKwh -= without.batteryPowerKw(h) * hours;
    }
  }

  /** The flat reduction, kWh: the holdable discharge through the window less the usual part. */
  public double reductionKwh() {
    return flatKw * window.length().toSeconds() / 3600.0 - usualKwh;
  }

  public void write(TruthWriter out) {
    out.event(programId, window, homes.length, reductionKwh());
  }
}
