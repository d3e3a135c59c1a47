package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

/** Readings with both flows, kept first-wins with a verdict each, read back as a history. */
class MeterReadingsTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final Instant T = Instant.parse("2019-08-15T07:00:00Z"); // local midnight
  private static final Duration Q = Duration.ofMinutes(15);

  private static MeterReading q(String meter, int i, double imp, double exp) {
    return MeterReading.ofKwh(meter, T.plus(Q.multipliedBy(i)), Q, imp, exp);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void eachReadingIsAcceptedOnceAndTheFirstWins(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    Instant received = T.plus(Duration.ofHours(2));
    assertThat(meters.keep(List.of(q("m1", 0, 1.0, 0), q("m1", 1, 0.2, 0.7)), received))
        .containsExactly(ReadingVerdict.ACCEPTED, ReadingVerdict.ACCEPTED);
    // the same interval again (with other values), and twice in one batch
    assertThat(
            meters.keep(
                List.of(q("m1", 1, 9, 0), q("m1", 2, 0.5, 0), q("m1", 2, 0.6, 0), q("m2", 1, 3, 0)),
                received))
        .containsExactly(
            ReadingVerdict.DUPLICATE,
            ReadingVerdict.ACCEPTED,
            ReadingVerdict.DUPLICATE,
            ReadingVerdict.ACCEPTED);
    Map<String, MeterData> h =
        meters.history(
            List.of("m1", "m2", "m3"), new Interval(T, T.plus(Q.multipliedBy(4))), LA, Q);
    assertThat(h).containsOnlyKeys("m1", "m2");
    MeterData m1 = java.util.Objects.requireNonNull(h.get("m1"));
    assertThat(m1.kwh(0)).isEqualTo(1.0);
    assertThat(m1.kwh(1)).isCloseTo(-0.5, within(1e-12)); // the net: 0.2 taken, 0.7 given
    assertThat(m1.kwh(2)).isEqualTo(0.5);
    assertThat(m1.hasReading(3)).isFalse();
    assertThat(java.util.Objects.requireNonNull(h.get("m2")).hasReading(0)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anHourlyHistoryIsSpreadOverQuarterHours(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    List<MeterReading> hourly = new ArrayList<>();
    for (int h = 0; h < 3; h++) {
      hourly.add(
          MeterReading.ofKwh("m1", T.plus(Duration.ofHours(h)), Duration.ofHours(1), 2.0, 0));
    }
    meters.keep(hourly, T);
    MeterData d =
        java.util.Objects.requireNonNull(
            meters
                .history(List.of("m1"), new Interval(T, T.plus(Duration.ofHours(4))), LA, Q)
                .get("m1"));
    assertThat(d.count()).isEqualTo(16);
    for (int i = 0; i < 12; i++) {
      assertThat(d.kwh(i)).isEqualTo(0.5);
    }
    assertThat(d.hasReading(12)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void whatArrivedLateIsFoundByItsArrival(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    meters.keep(List.of(q("m1", 0, 1, 0), q("m1", 1, 1, 0)), T.plus(Duration.ofHours(1)));
    meters.keep(List.of(q("m2", 5, 1, 0), q("m2", 9, 1, 0)), T.plus(Duration.ofDays(1)));
    Map<String, Interval> late = meters.receivedAfter(T.plus(Duration.ofHours(2)));
    assertThat(late).containsOnlyKeys("m2");
    assertThat(java.util.Objects.requireNonNull(late.get("m2")).start())
        .isEqualTo(T.plus(Q.multipliedBy(5)));
    assertThat(java.util.Objects.requireNonNull(late.get("m2")).contains(T.plus(Q.multipliedBy(9))))
        .isTrue();
  }
}
