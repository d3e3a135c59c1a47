package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;

class UpTest {

  /** A hint leads to a run that shows an event: summer-season-ca's first is on day 6. */
  @Test
  void daysEndingBeforeTheFirstEventSayHowManyWould() {
    Scenario s = ScenarioFile.load("summer-season-ca");
    assertThat(Up.daysHint(s, Optional.of(3)))
        .hasValue(
            "OpenVPP: the scenario's first event is on day 6 of its season: --days 3 ends before"
                + " it (--days 6 or more to see one called, dispatched, measured and paid)");
    assertThat(Up.daysHint(s, Optional.of(5))).isPresent();
    assertThat(Up.daysHint(s, Optional.of(6))).isEmpty();
    assertThat(Up.daysHint(s, Optional.empty())).isEmpty();
  }
}
