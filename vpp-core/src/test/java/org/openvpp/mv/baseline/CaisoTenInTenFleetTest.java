package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.mv.SitePerformance;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/** The fleet form against the per-site {@link CaisoTenInTen}, site by site. */
class CaisoTenInTenFleetTest {
  private static final LocalDate FIRST = LocalDate.of(2017, 6, 1);
  private static final int DAYS = 30;

  private static float[] random(Random r, int sites, int perDay) {
    float[] v = new float[sites * DAYS * perDay];
    for (int s = 0; s < sites; s++) {
      double scale = 0.3 + 3 * r.nextDouble();
      for (int d = 0; d < DAYS; d++) {
        double dayScale = 0.7 + 0.6 * r.nextDouble();
        for (int i = 0; i < perDay; i++) {
          double shape = 1 + Math.sin(Math.PI * i / perDay);
          v[(s * DAYS + d) * perDay + i] =
              (float) (scale * dayScale * shape * (0.9 + 0.2 * r.nextDouble()));
        }
      }
    }
    return v;
  }

  private static MeterData site(float[] v, int s, int perDay) {
    double[] kwh = new double[DAYS * perDay];
    for (int i = 0; i < kwh.length; i++) {
      kwh[i] = v[s * DAYS * perDay + i];
    }
    return MeterData.of(
        Meters.LA,
        FIRST.atStartOfDay(Meters.LA).toInstant(),
        Duration.ofMinutes(24 * 60 / perDay),
        kwh);
  }

  @Property(tries = 30)
  void everySiteGetsThePerSiteBaselineAndDelivery(
      @ForAll long seed,
      @ForAll @IntRange(min = 20, max = 29) int eventDayIndex,
      @ForAll @IntRange(min = 4, max = 21) int startHour,
      @ForAll @IntRange(min = 1, max = 3) int hours,
      @ForAll boolean quarterHours) {
    Random r = new Random(seed);
    int perDay = quarterHours ? 96 : 24;
    int sites = 1 + r.nextInt(30);
    float[] v = random(r, sites, perDay);
    LocalDate day = FIRST.plusDays(eventDayIndex);
    Interval event = Meters.event(day, startHour, Math.min(23, startHour + hours));
    // an earlier event day, never a reference day
    DayCalendar calendar = DayCalendar.usNerc(Set.of(day, day.minusDays(3)));
    CaisoTenInTenFleet.Result fleet =
        CaisoTenInTenFleet.measure(Meters.LA, FIRST, DAYS, perDay, v, event, calendar);
    for (int s = 0; s < sites; s++) {
      MeterData m = site(v, s, perDay);
      BaselineEstimate b = new CaisoTenInTen().estimate(m, event, calendar);
      SitePerformance p = SitePerformance.of("s" + s, "ev", b, m, Power.ZERO);
      assertThat(fleet.baselineKwh(s)).isCloseTo(b.total().kilowattHours(), within(1e-9));
      assertThat(fleet.deliveredKwh(s)).isCloseTo(p.delivered().kilowattHours(), within(1e-9));
      assertThat(fleet.referenceDays()).isEqualTo(b.referenceDays());
    }
  }

  @Test
  void tooLittleHistoryIsRefusedAsThePerSiteMethodDoes() {
    float[] v = random(new Random(1), 2, 24);
    // 1 June 2017 is a Thursday: by 6 June there are three weekdays before it
    Interval event = Meters.event(FIRST.plusDays(5), 17, 19);
    assertThatThrownBy(
            () ->
                CaisoTenInTenFleet.measure(
                    Meters.LA, FIRST, DAYS, 24, v, event, DayCalendar.usNerc(Set.of())))
        .isInstanceOf(BaselineException.class)
        .hasMessageContaining("needs at least 5 non-event weekday days")
        .hasMessageContaining("found 3");
  }
}
