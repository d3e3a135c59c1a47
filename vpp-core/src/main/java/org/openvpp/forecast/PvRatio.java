package org.openvpp.forecast;

import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * Day-ahead PV output by scaling the irradiance forecast with each hour's recent ratio of output to
 * irradiance.
 *
 * <p>For hour {@code h}: {@code k_h = Σ y(j,h) / Σ G(j,h)} over the {@code trainingDays} days
 * before the target (observed output and global horizontal irradiance), and the forecast is {@code
 * k_h · G_forecast(h)}. The per-hour ratio absorbs the array's tilt, orientation and shading and
 * the season's sun path; clouds come in through the irradiance forecast. Hours whose recent
 * irradiance sums to less than 1 W/m² per day are forecast as 0. Linear in the outputs, so a
 * group's forecast is the sum of its homes'.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class PvRatio implements DayAheadModel {
  private final HourlyWeather weather;
  private final int trainingDays;

  public PvRatio(HourlyWeather weather, int trainingDays) {
    this.weather = Objects.requireNonNull(weather, "weather");
    this.trainingDays = Checks.between("trainingDays", trainingDays, 1, 366);
  }

  @Override
  public int firstDay() {
    return trainingDays;
  }

  @Override
  public double[] forecastDay(double[] history, int day) {
    Hours.checkDay("PvRatio", day, trainingDays, weather.days());
    double[] out = new double[Hours.PER_DAY];
    for (int h = 0; h < Hours.PER_DAY; h++) {
      double y = 0;
      double g = 0;
      for (int j = day - trainingDays; j < day; j++) {
        int t = j * Hours.PER_DAY + h;
        y += history[t];
        g += weather.irradianceWm2(t);
      }
      out[h] =
          g < trainingDays
              ? 0
              : Math.max(0, y / g * weather.irradianceForecastWm2(day * Hours.PER_DAY + h));
    }
    return out;
  }
}
