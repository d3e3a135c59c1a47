package org.openvpp.server.run;

import java.time.Instant;

/**
 * The fleet at the end of one control step, for live views.
 *
 * @param at the instant
 * @param homeLoadKw household load of all homes, without batteries
 * @param batteryKw measured battery power (load convention: negative is discharge)
 * @param targetKw the batteries' target power
 * @param availableKw discharge power the fleet offers now
 * @param netLoadKw net load at the fleet's meters
 * @param netWithoutKw net load of the same fleet without the VPP (the counterfactual)
 * @param inEvent whether the utility's event is under way
 */
public record MinuteSample(
    Instant at,
    double homeLoadKw,
    double batteryKw,
    double targetKw,
    double availableKw,
    double netLoadKw,
    double netWithoutKw,
    boolean inEvent) {

  /** What the VPP takes off the fleet's net load against the counterfactual, kW. */
  public double deliveredKw() {
    return netWithoutKw - netLoadKw;
  }

  /** The sample as a JSON object, with its time also as local time in {@code zone}. */
  public String toJson(java.time.ZoneId zone) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"at\":\"%s\",\"local\":\"%s\",\"homeLoadKw\":%.3f,\"batteryKw\":%.3f,\"netLoadKw\":%.3f,"
            + "\"targetKw\":%.3f,\"availableKw\":%.3f,\"netWithoutKw\":%.3f,\"deliveredKw\":%.3f,"
            + "\"inEvent\":%b}",
        at,
        at.atZone(zone).toLocalDateTime(),
        homeLoadKw,
        batteryKw,
        netLoadKw,
        targetKw,
        availableKw,
        netWithoutKw,
        deliveredKw(),
        inEvent);
  }
}
