package org.openvpp.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.mv.baseline.BaselineAccuracy;
import org.openvpp.mv.baseline.CalTrackHourly;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;

/** The baselines on the shipped real meter data. */
class RealMeterBaselineTest {

  @Test
  void calTrackHourlySeesTheKnownTenPercentSavingOfTheIllinoisSample() {
    // metadata.json: 10,000 kWh a year before the blackout (26 Dec 2016 – 4 Jan 2017), 9,000
    // after, at the same balance points: the reporting period's load is 90 % of what the
    // baseline-period model predicts for it.
    MeterData m = AccuracyReport.illinois();
    CalTrackHourly.Model model =
        CalTrackHourly.fit(
            m,
            LocalDate.of(2015, 11, 22),
            LocalDate.of(2016, 12, 26),
            DayCalendar.usNerc(Set.of()));
    double actual = 0;
    double predicted = 0;
    for (int i = 0; i < m.count(); i++) {
      LocalDate d = m.localDate(i);
      if (!d.isBefore(LocalDate.of(2017, 1, 4)) && !Double.isNaN(m.temperatureF(i))) {
        actual += m.kwh(i);
        predicted += model.predictKwh(m, i);
      }
    }
    assertThat(actual / predicted).isBetween(0.88, 0.92);
  }

  @Test
  void theIllinoisAccuracyFiguresAreFiniteAndTheRecencyMethodsNearlyUnbiased() {
    List<AccuracyReport.Row> rows =
        AccuracyReport.evaluate(
            "illinois",
            AccuracyReport.illinois(),
            LocalDate.of(2016, 6, 1),
            LocalDate.of(2016, 12, 23));
    // one row per method, the day-of mean (the service's fallback) included
    assertThat(rows).hasSize(org.openvpp.mv.baseline.Baselines.all().size());
    for (AccuracyReport.Row r : rows) {
      BaselineAccuracy.Result a = r.result();
      assertThat(a.events()).isGreaterThan(140);
      assertThat(a.cvRmsePercent()).isFinite().isPositive();
    }
    assertThat(Math.abs(rows.get(0).result().biasPercent())).isLessThan(5); // caiso-10in10
  }

  @Test
  void fontanaHomesAreReadAsAYearOfHoursInPacificStandardTime() {
    MeterData home = AccuracyReport.fontana(1);
    assertThat(home.count()).isEqualTo(8760);
    assertThat(home.localDate(1)).isEqualTo(LocalDate.of(2016, 8, 1));
    assertThat(home.localDate(1).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(AccuracyReport.fontanaTemperatureC()).hasSize(8760);
  }
}
