package org.openvpp.sim.fleet;

import java.util.Objects;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.sim.ev.ChargingSessions;
import org.openvpp.sim.market.DayAheadPrices;
import org.openvpp.sim.weather.FontanaWeather;
import org.openvpp.sim.weather.Tmy3Weather;

/**
 * The real data a simulated fleet is built on, loaded once and shared by every fleet built from it
 * (immutable).
 *
 * @param homes measured household load
 * @param sessions measured EV charging sessions
 * @param weather measured weather of Fontana, CA
 * @param tmy3 a typical meteorological year of Greensboro, NC
 * @param caiso2019 CAISO day-ahead prices of 2019
 */
public record SimData(
    FontanaHomes homes,
    ChargingSessions sessions,
    FontanaWeather weather,
    Tmy3Weather tmy3,
    DayAheadPrices caiso2019) {
  public SimData {
    Objects.requireNonNull(homes, "homes");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(weather, "weather");
    Objects.requireNonNull(tmy3, "tmy3");
    Objects.requireNonNull(caiso2019, "caiso2019");
  }

  /** Loads every data set shipped in this module's resources. */
  public static SimData load() {
    return new SimData(
        FontanaHomes.load(),
        ChargingSessions.load(),
        FontanaWeather.load(),
        Tmy3Weather.greensboro(),
        DayAheadPrices.caiso2019());
  }
}
