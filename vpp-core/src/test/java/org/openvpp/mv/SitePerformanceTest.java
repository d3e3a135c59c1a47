package org.openvpp.mv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Horizon;
import org.openvpp.units.Power;

class SitePerformanceTest {
  private static final Instant START = Instant.parse("2026-07-15T00:00:00Z");
  private static final Horizon EVENT =
      new Horizon(START.plus(Duration.ofHours(18)), Duration.ofHours(1), 2);

  private static MeterData meter(double at18, double at19) {
    double[] kwh = new double[24];
    java.util.Arrays.fill(kwh, 1.0);
    kwh[18] = at18;
    kwh[19] = at19;
    return MeterData.of(ZoneOffset.UTC, START, Duration.ofHours(1), kwh);
  }

  private static BaselineEstimate baseline(double a, double b) {
    return new BaselineEstimate(
        "test", EVENT, new double[] {a, b}, new double[] {a, b}, List.of(), "by hand");
  }

  @Test
  void deliveredIsBaselineMinusMeteredAgainstBaselineAndCommitment() {
    record Row(
        double base18,
        double base19,
        double met18,
        double met19,
        double committedKw,
        double deliveredKwh,
        double deliveredKw,
        double ofBaseline,
        double ofCommitment,
        double shortfallKwh) {}
    List<Row> rows =
        List.of(
            // 5.5 kWh baseline, 1.5 metered: 4 delivered over 2 h = 2 kW; committed 2 kW = 4 kWh
            new Row(3.0, 2.5, 1.0, 0.5, 2.0, 4.0, 2.0, 4.0 / 5.5, 1.0, 0),
            // committed 3 kW = 6 kWh, delivered 4: two thirds, 2 kWh short
            new Row(3.0, 2.5, 1.0, 0.5, 3.0, 4.0, 2.0, 4.0 / 5.5, 4.0 / 6.0, 2.0),
            // used more than the baseline: negative delivery, all of the commitment short
            new Row(1.0, 1.0, 1.5, 1.5, 1.0, -1.0, -0.5, -0.5, -0.5, 3.0),
            // nothing committed: ratio to commitment is 0 by definition
            new Row(2.0, 2.0, 1.0, 1.0, 0.0, 2.0, 1.0, 0.5, 0.0, 0));
    for (Row r : rows) {
      SitePerformance p =
          SitePerformance.of(
              "s1",
              "ev",
              baseline(r.base18(), r.base19()),
              meter(r.met18(), r.met19()),
              Power.ofKilowatts(r.committedKw()));
      assertThat(p.delivered().kilowattHours())
          .as("%s", r)
          .isCloseTo(r.deliveredKwh(), within(1e-9));
      assertThat(p.deliveredPower().kilowatts()).isCloseTo(r.deliveredKw(), within(1e-9));
      assertThat(p.reductionOfBaseline()).isCloseTo(r.ofBaseline(), within(1e-9));
      assertThat(p.ofCommitment()).isCloseTo(r.ofCommitment(), within(1e-9));
      assertThat(p.shortfall().kilowattHours()).isCloseTo(r.shortfallKwh(), within(1e-9));
    }
  }

  @Test
  void aGroupSumsItsSitesAndSplitsByFeeder() {
    SitePerformance a =
        SitePerformance.of("a", "ev", baseline(3, 2.5), meter(1, 0.5), Power.ofKilowatts(2));
    SitePerformance b =
        SitePerformance.of("b", "ev", baseline(1, 1), meter(1.5, 1.5), Power.ofKilowatts(1));
    SitePerformance c =
        SitePerformance.of("c", "ev", baseline(2, 2), meter(1, 1), Power.ofKilowatts(1));
    GroupPerformance all = GroupPerformance.of("event", List.of(a, b, c));
    // delivered 4 − 1 + 2 = 5 kWh over 2 h; committed 4 + 2 + 2 = 8 kWh
    assertThat(all.delivered().kilowattHours()).isCloseTo(5.0, within(1e-9));
    assertThat(all.deliveredPower().kilowatts()).isCloseTo(2.5, within(1e-9));
    assertThat(all.committedPower().kilowatts()).isCloseTo(4.0, within(1e-9));
    assertThat(all.ofCommitment()).isCloseTo(5.0 / 8.0, within(1e-9));
    assertThat(all.reductionOfBaseline()).isCloseTo(5.0 / 11.5, within(1e-9));
    Map<String, GroupPerformance> feeders =
        GroupPerformance.byGroup(List.of(a, b, c), s -> s.equals("b") ? "f2" : "f1");
    assertThat(feeders.keySet()).containsExactly("f1", "f2");
    assertThat(java.util.Objects.requireNonNull(feeders.get("f1")).delivered().kilowattHours())
        .isCloseTo(6.0, within(1e-9));
    assertThat(java.util.Objects.requireNonNull(feeders.get("f2")).sites()).isEqualTo(1);
  }

  @Test
  void meterDataThatDoesNotCoverTheEventIsRefused() {
    MeterData shortMeter =
        MeterData.of(ZoneOffset.UTC, START, Duration.ofHours(1), new double[] {1, 1, 1});
    assertThatThrownBy(() -> SitePerformance.of("s1", "ev", baseline(1, 1), shortMeter, Power.ZERO))
        .hasMessageContaining("does not cover the event intervals");
  }
}
