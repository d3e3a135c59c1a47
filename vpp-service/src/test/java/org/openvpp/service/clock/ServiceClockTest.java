package org.openvpp.service.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ServiceClockTest {

  /** The records keep microseconds; a finer stamp from the wall would be refused by the store. */
  @Test
  void theWallClockGivesWholeMicroseconds() {
    ServiceClock wall = ServiceClock.wall(ZoneId.of("America/Los_Angeles"));
    for (int i = 0; i < 1_000; i++) {
      java.time.Instant now = wall.instant();
      assertThat(now).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
  }
}
