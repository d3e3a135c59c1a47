package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.SitePerformance;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;

/** A partner's readings measured against its pre-event baseline, as input → output. */
class PartnerMeasureTest {

  private static final Instant MIDNIGHT = Instant.parse("2019-01-15T08:00:00Z");
  private static final Horizon DAY =
      Horizon.covering(new Interval(MIDNIGHT, MIDNIGHT.plusSeconds(10 * 3600)), FleetRun.INTERVAL);
  private static final GridEvent EVENT =
      new GridEvent(
          "e-1",
          GridEvent.Kind.PEAK_REDUCTION,
          new Interval(MIDNIGHT.plusSeconds(6 * 3600), MIDNIGHT.plusSeconds(9 * 3600)),
          GroupId.FLEET,
          Optional.empty(),
          "utility",
          MIDNIGHT.plusSeconds(3600));

  private static Map<Instant, Double> readings(double before, double during) {
    Map<Instant, Double> kwh = new HashMap<>();
    for (int k = 0; k < DAY.count(); k++) {
      Instant at = DAY.interval(k).start();
      if (!at.isBefore(EVENT.window().start().minus(FleetRun.INTERVAL.multipliedBy(4)))
          && at.isBefore(EVENT.window().end())) {
        kwh.put(at, EVENT.window().contains(at) ? during : before);
      }
    }
    return kwh;
  }

  @Test
  void deliveredIsTheHourBeforeTheEventHeldThroughItLessWhatWasUsed() {
    List<String> notes = new ArrayList<>();
    SitePerformance p =
        RunSettlement.measurePartner(
                new PartnerReports.Reading("ven-1", readings(1.0, 0.25)), EVENT, DAY, notes)
            .orElseThrow();
    assertThat(p.siteId()).isEqualTo("partner:ven-1");
    assertThat(p.baseline().kilowattHours()).isCloseTo(12.0, within(1e-9));
    assertThat(p.metered().kilowattHours()).isCloseTo(3.0, within(1e-9));
    assertThat(p.delivered().kilowattHours()).isCloseTo(9.0, within(1e-9));
    assertThat(notes).isEmpty();
  }

  @Test
  void aMissingIntervalLeavesThePartnerUnmeasuredAndSaysWhich() {
    Map<Instant, Double> kwh = readings(1.0, 0.25);
    Instant gap = EVENT.window().start().minus(FleetRun.INTERVAL);
    kwh.remove(gap);
    List<String> notes = new ArrayList<>();
    assertThat(
            RunSettlement.measurePartner(
                new PartnerReports.Reading("ven-1", kwh), EVENT, DAY, notes))
        .isEmpty();
    assertThat(notes).singleElement().asString().contains("ven-1").contains(gap.toString());
  }
}
