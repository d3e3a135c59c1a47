package org.openvpp.settle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Power;

class CapacityAccreditationTest {

  private static List<CapacityAccreditation.PastEvent> events(double... deliveredMw) {
    List<CapacityAccreditation.PastEvent> out = new ArrayList<>();
    for (int i = 0; i < deliveredMw.length; i++) {
      out.add(
          new CapacityAccreditation.PastEvent(
              "ev" + i, Power.ofKilowatts(1000), Power.ofKilowatts(deliveredMw[i] * 1000)));
    }
    return out;
  }

  @Test
  void theTwentiethPercentileOfPerEventRatiosTimesAvailable() {
    record Row(List<Double> delivered, double ratio, double accreditedMw, double meanDeliveredMw) {}
    List<Row> rows =
        List.of(
            // five events: rank ⌈1⌉ = the worst; 1.2 counts as 1.0
            new Row(List.of(0.9, 0.5, 1.2, 0.8, 0.7), 0.5, 1.0, 0.82),
            // ten events 0.1 … 1.0: rank 2 → 0.2
            new Row(List.of(1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1), 0.2, 0.4, 0.55),
            // six events: rank ⌈1.2⌉ = 2
            new Row(List.of(0.6, 0.9, 0.95, 0.7, 0.85, 0.8), 0.7, 1.4, 0.8),
            // a negative delivery counts as 0
            new Row(List.of(-0.2, 0.9), 0.0, 0.0, 0.35),
            new Row(List.of(), 0.0, 0.0, 0.0));
    for (Row r : rows) {
      CapacityAccreditation a =
          CapacityAccreditation.assess(
              "byo",
              Power.ofKilowatts(2500),
              Power.ofKilowatts(2000),
              events(r.delivered().stream().mapToDouble(Double::doubleValue).toArray()));
      assertThat(a.ratio()).isCloseTo(r.ratio(), within(1e-12));
      assertThat(a.accredited().watts() / 1e6).isCloseTo(r.accreditedMw(), within(1e-9));
      assertThat(a.delivered().watts() / 1e6).isCloseTo(r.meanDeliveredMw(), within(1e-9));
      assertThat(a.events()).isEqualTo(r.delivered().size());
      assertThat(a.enrolled()).isEqualTo(Power.ofKilowatts(2500));
    }
  }
}
