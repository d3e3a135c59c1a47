package org.openvpp.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PowerEnergyTest {

  @Test
  void powerHeldForATimeIsEnergy() {
    Energy e = Power.ofKilowatts(5).over(Duration.ofMinutes(15));
    assertThat(e.kilowattHours()).isCloseTo(1.25, within(1e-12));
  }

  @Test
  void energyOverATimeIsPower() {
    Power p = Energy.ofKilowattHours(13.5).per(Duration.ofHours(3));
    assertThat(p.kilowatts()).isCloseTo(4.5, within(1e-12));
  }

  @Test
  void refusesNonFiniteValues() {
    assertThatThrownBy(() -> Power.ofWatts(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Energy.ofWattHours(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesPowerFromEnergyOverNoTime() {
    assertThatThrownBy(() -> Energy.ofKilowattHours(1).per(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void temperatureConvertsFromFahrenheitAndRefusesBelowAbsoluteZero() {
    assertThat(Temperature.ofFahrenheit(212).celsius()).isCloseTo(100, within(1e-12));
    assertThatThrownBy(() -> Temperature.ofCelsius(-300))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
