package org.openvpp.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FontanaHomesTest {
  private static final FontanaHomes HOMES = FontanaHomes.load();

  @Test
  void everyHomeHasADayOfPlausibleHourlyLoad() {
    for (int h = 0; h < FontanaHomes.HOMES; h++) {
      double[] day = HOMES.hourlyLoadKw(h, LocalDate.of(2019, 8, 15));
      assertThat(day).hasSize(24);
      assertThat(Arrays.stream(day).min().orElseThrow()).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.stream(day).max().orElseThrow()).isLessThan(20);
    }
  }

  @Test
  void firstOfAugustIsTheFirstDayOfTheDataYear() {
    // Building_1.csv: the first hours of 1 August are 0.851, 0.835, 0.838 kWh.
    double[] day = HOMES.hourlyLoadKw(0, LocalDate.of(2019, 8, 1));
    assertThat(day[0]).isEqualTo(0.85116667);
    assertThat(day[1]).isEqualTo(0.8346);
    assertThat(day[20]).isEqualTo(5.0085);
  }

  @Test
  void summerEveningsPeakAboveNights() {
    double evening = 0;
    double night = 0;
    for (int h = 0; h < FontanaHomes.HOMES; h++) {
      double[] day = HOMES.hourlyLoadKw(h, LocalDate.of(2019, 8, 15));
      evening += day[18] + day[19];
      night += day[3] + day[4];
    }
    assertThat(evening).isGreaterThan(night);
  }
}
