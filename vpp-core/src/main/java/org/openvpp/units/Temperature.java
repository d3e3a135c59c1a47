package org.openvpp.units;

/**
 * A temperature in degrees Celsius.
 *
 * @param celsius degrees Celsius; finite and not below absolute zero
 */
public record Temperature(double celsius) implements Comparable<Temperature> {

  public Temperature {
    if (!Double.isFinite(celsius) || celsius < -273.15) {
      throw new IllegalArgumentException(
          "temperature must be finite and >= -273.15 °C, was " + celsius);
    }
  }

  public static Temperature ofCelsius(double celsius) {
    return new Temperature(celsius);
  }

  public static Temperature ofFahrenheit(double fahrenheit) {
    return new Temperature((fahrenheit - 32) * 5 / 9);
  }

  public Temperature plus(double kelvins) {
    return new Temperature(celsius + kelvins);
  }

  @Override
  public int compareTo(Temperature other) {
    return Double.compare(celsius, other.celsius);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.2f °C", celsius);
  }
}
