package org.openvpp.sim.ev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.forecast.PlugInProfile;
import org.openvpp.time.Interval;

/** The plug-in profile of Caltech's workplace chargers, 1-14 March 2019, in local time. */
class PlugInProfileTest {

  @Test
  void workplaceChargersAreBusyByDayAndIdleAtNight() {
    ChargingSessions s = ChargingSessions.load();
    List<Interval> stays =
        s.sessions().stream()
            .map(x -> new Interval(x.arrival(), x.arrival().plus(x.duration())))
            .toList();
    Instant localMidnight = Instant.parse("2019-03-01T08:00:00Z"); // PST, UTC-8
    PlugInProfile p =
        PlugInProfile.of(stays, s.stations(), localMidnight, 14, Duration.ofMinutes(15));
    int peak = 0;
    for (int i = 1; i < p.slots(); i++) {
      if (p.probability(i) > p.probability(peak)) {
        peak = i;
      }
    }
    assertThat(s.stations()).isGreaterThan(10);
    assertThat(peak / 4).as("peak hour").isBetween(8, 15);
    assertThat(p.probability(peak)).isBetween(0.2, 1.0);
    assertThat(p.probability(3 * 4)).as("03:00").isLessThan(0.05);
  }
}
