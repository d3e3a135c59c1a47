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
 */
public record MinuteSample(
    Instant at, double homeLoadKw, double batteryKw, double targetKw, double availableKw) {

  /** Net load at the fleet's meters. */
  public double netLoadKw() {
    return homeLoadKw + batteryKw;
  }

  /** The sample as a JSON object, with its time also as local time in {@code zone}. */
  public String toJson(java.time.ZoneId zone) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"at\":\"%s\",\"local\":\"%s\",\"homeLoadKw\":%.3f,\"batteryKw\":%.3f,\"netLoadKw\":%.3f,"
            + "\"targetKw\":%.3f,\"availableKw\":%.3f}",
        at,
        at.atZone(zone).toLocalDateTime(),
        homeLoadKw,
        batteryKw,
        netLoadKw(),
        targetKw,
        availableKw);
  }
}
