package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Random;
import java.util.Set;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
import org.openvpp.time.Interval;

class BaselinePropertiesTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);

  @Provide
  Gen<Baseline> methods() {
    return Gen.of(Baselines.all());
  }

  @Property(tries = 40)
  void aConstantLoadGivesThatConstantForEveryMethod(
      @ForAll("methods") Baseline method,
      @ForAll @DoubleRange(min = 0.01, max = 50) double kwh,
      @ForAll @IntRange(min = 5, max = 19) int startHour,
      @ForAll @IntRange(min = 1, max = 4) int hours) {
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 1, 1),
            EVENT,
            (d, h) -> kwh,
            (d, h) -> 60 + 25 * Math.sin(h / 3.0 + d.getDayOfYear()));
    BaselineEstimate b =
        method.estimate(
            m, Meters.event(EVENT, startHour, startHour + hours), DayCalendar.usNerc(Set.of()));
    assertThat(b.count()).isEqualTo(hours);
    for (int i = 0; i < hours; i++) {
      assertThat(b.kwh(i)).isCloseTo(kwh, within(1e-6 * kwh));
    }
  }

  @Property(tries = 60)
  void theCaisoDayOfAdjustmentStaysWithinTwentyPercent(
      @ForAll long seed, @ForAll @IntRange(min = 4, max = 20) int startHour) {
    Random random = new Random(seed);
    double[] dayScale = new double[400];
    for (int i = 0; i < dayScale.length; i++) {
      dayScale[i] = 0.2 + 3 * random.nextDouble();
    }
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 5, 1),
            EVENT,
            (d, h) ->
                dayScale[d.getDayOfYear()]
                    * (0.5 + Math.abs(Math.sin(h + (double) (seed % 1000)))));
    Interval event = Meters.event(EVENT, startHour, startHour + 3);
    BaselineEstimate b = new CaisoTenInTen().estimate(m, event, DayCalendar.usNerc(Set.of()));
    for (int i = 0; i < b.count(); i++) {
      double ratio = b.kwh(i) / b.unadjustedKwh(i);
      assertThat(ratio).isBetween(0.8 - 1e-12, 1.2 + 1e-12);
    }
  }

  @Property(tries = 60)
  void thePjmBaselineIsNeverNegative(@ForAll long seed) {
    Random random = new Random(seed);
    double[] dayScale = new double[400];
    for (int i = 0; i < dayScale.length; i++) {
      dayScale[i] = 5 * random.nextDouble();
    }
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 5, 1), EVENT, (d, h) -> dayScale[d.getDayOfYear()] * (h % 5) / 4.0);
    BaselineEstimate b =
        new PjmHighFourOfFive()
            .estimate(m, Meters.event(EVENT, 14, 18), DayCalendar.usNerc(Set.of()));
    for (int i = 0; i < b.count(); i++) {
      assertThat(b.kwh(i)).isGreaterThanOrEqualTo(0);
    }
  }
}
