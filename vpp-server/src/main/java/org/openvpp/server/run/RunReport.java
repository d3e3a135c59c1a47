package org.openvpp.server.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.EventPerformance;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.units.Money;

/**
 * The outcome of a run.
 *
 * @param scenario what was run
 * @param event the utility's event as received
 * @param rows one per 15-minute interval
 * @param performance event performance against the counterfactual (the fleet without the VPP)
 * @param byBaseline the same event measured with a pre-notice baseline, as a utility without a
 *     counterfactual would
 * @param dispatchedDevices batteries under the VPP's control
 * @param ignoringDevices batteries that ignore commands (known to the simulator only)
 * @param excludedDevices batteries the dispatcher found not following and left out (peak count)
 * @param commandsSent commands sent
 * @param telemetryAccepted telemetry messages accepted by the twins
 * @param telemetryRejected telemetry messages refused (out of order or unknown)
 * @param link what travelled between the VPP and the fleet (in memory or over MQTT)
 * @param minReserveMarginKwh the lowest (stored - reserve) of any battery under the VPP's command
 * @param peakNetLoadEventKw highest 15-minute net load of the fleet during the event
 * @param peakHomeLoadEventKw the same without the VPP (the counterfactual fleet)
 * @param energyCost what the fleet's net energy cost at the scenario's wholesale prices
 * @param energyCostWithout the same without the VPP (the counterfactual fleet)
 * @param energyCostCounted {@code energyCost} plus the energy the batteries lost over the run (or
 *     minus what they gained), valued at the run's mean price
 * @param energyCostWithoutCounted the same without the VPP
 * @param storedEndKwh what the batteries hold at the end of the run
 * @param storedEndWithoutKwh the same without the VPP
 * @param wallTime how long the run took
 * @param settlement the event settled from each site's meter ({@link RunSettlement})
 * @param charging what managed charging did
 * @param thermostats what the thermostats did
 * @param meters every site's meter over the run, by meter id ({@code meter-<home>}): the energy
 *     each interval took from the grid (negative when it exported)
 */
public record RunReport(
    Scenario scenario,
    GridEvent event,
    List<IntervalRow> rows,
    EventPerformance performance,
    EventPerformance byBaseline,
    int dispatchedDevices,
    int ignoringDevices,
    int excludedDevices,
    long commandsSent,
    long telemetryAccepted,
    long telemetryRejected,
    String link,
    double minReserveMarginKwh,
    double peakNetLoadEventKw,
    double peakHomeLoadEventKw,
    Optional<Money> energyCost,
    Optional<Money> energyCostWithout,
    Optional<Money> energyCostCounted,
    Optional<Money> energyCostWithoutCounted,
    double storedEndKwh,
    double storedEndWithoutKwh,
    Duration wallTime,
    RunSettlement.Result settlement,
    Charging charging,
    Thermostats thermostats,
    java.util.Map<String, org.openvpp.mv.baseline.MeterData> meters) {

  public RunReport {
    rows = List.copyOf(rows);
    meters = java.util.Map.copyOf(meters);
  }

  /**
   * Managed charging in the run, measured from the chargers' meters against the same chargers
   * without the VPP.
   *
   * @param chargers EV chargers in the fleet
   * @param deferredKwh charging moved out of the event
   * @param reductionKw the mean reduction of the chargers' power through the event
   * @param peakAfterKw the chargers' highest 15-minute power after the event
   * @param peakAfterWithoutKw the same without the VPP
   * @param sessionsJudged sessions that began within the run
   * @param lateCars of those, cars that left (or, charging at full rate from the end, will leave)
   *     with less than they would have had without the VPP
   * @param shortKwh what those cars lacked, in all
   * @param commands commands sent to chargers
   */
  public record Charging(
      int chargers,
      double deferredKwh,
      double reductionKw,
      double peakAfterKw,
      double peakAfterWithoutKw,
      int sessionsJudged,
      int lateCars,
      double shortKwh,
      long commands) {}

  /**
   * Thermostats in the run, measured from their own meters against the same homes without the VPP.
   *
   * @param thermostats thermostats in the fleet
   * @param askedKw the reduction asked of them through the event
   * @param reductionKw their mean reduction through the event
   * @param peakAfterKw their highest 15-minute power after the event
   * @param peakAfterWithoutKw the same without the VPP
   * @param homesFartherOutside homes whose air went farther outside their comfort band (by over
   *     0.05 °C) than without the VPP
   * @param worstExtraC the most any home went farther outside its band than without the VPP
   * @param commands commands sent to thermostats
   */
  public record Thermostats(
      int thermostats,
      double askedKw,
      double reductionKw,
      double peakAfterKw,
      double peakAfterWithoutKw,
      int homesFartherOutside,
      double worstExtraC,
      long commands) {}
}
