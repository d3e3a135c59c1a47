package org.openvpp.sim.fleet;

import java.util.Objects;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.sim.ev.ChargingSessions;
import org.openvpp.sim.weather.FontanaWeather;

/**
 * The real data a simulated fleet is built on, loaded once and shared by every fleet built from it
 * (immutable).
 *
 * @param homes measured household load
 * @param sessions measured EV charging sessions
 * @param weather measured weather
 */
public record SimData(FontanaHomes homes, ChargingSessions sessions, FontanaWeather weather) {
  public SimData {
    Objects.requireNonNull(homes, "homes");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(weather, "weather");
  }

  /** Loads every data set shipped in this module's resources. */
  public static SimData load() {
    return new SimData(FontanaHomes.load(), ChargingSessions.load(), FontanaWeather.load());
  }
}
