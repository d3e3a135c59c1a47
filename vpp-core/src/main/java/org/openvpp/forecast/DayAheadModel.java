package org.openvpp.forecast;

/**
 * A day-ahead point forecast of an hourly series: the 24 values of one day from what was known
 * before it.
 */
public interface DayAheadModel {

  /**
   * The 24 hourly values of day {@code day}, reading only {@code history[0, 24·day)}.
   *
   * @throws IllegalArgumentException when {@code day} is before {@link #firstDay()} or past the
   *     data the model was given
   */
  double[] forecastDay(double[] history, int day);

  /** The first day this model has enough history to forecast. */
  int firstDay();
}
