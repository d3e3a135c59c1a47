package org.openvpp.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulationClockTest {
  private static final Instant T0 = Instant.parse("2019-08-15T07:00:00Z");

  @Test
  void steppedClockStandsStillUntilAdvanced() {
    SimulationClock clock = SimulationClock.stepped(T0, ZoneOffset.UTC);
    assertThat(clock.instant()).isEqualTo(T0);
    clock.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
    assertThat(clock.millis()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
  }

  @Test
  void scaledClockRunsFasterThanItsSource() {
    // The source is itself a stepped clock, so the test moves "real" time without sleeping.
    SimulationClock real =
        SimulationClock.stepped(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    SimulationClock sim = SimulationClock.scaled(T0, 60, real, ZoneOffset.UTC);
    real.advance(Duration.ofSeconds(10));
    assertThat(sim.instant()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aZoneViewSharesTheSameTime() {
    SimulationClock clock = SimulationClock.stepped(T0, ZoneOffset.UTC);
    var la = clock.withZone(ZoneId.of("America/Los_Angeles"));
    clock.advance(Duration.ofHours(1));
    assertThat(la.instant()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(la.getZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
  }

  @Test
  void refusesToGoBackOrToAdvanceAScaledClock() {
    SimulationClock clock = SimulationClock.stepped(T0, ZoneOffset.UTC);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    SimulationClock scaled = SimulationClock.scaled(T0, 10, clock, ZoneOffset.UTC);
    assertThatThrownBy(() -> scaled.advance(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SimulationClock.scaled(T0, 0, clock, ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed");
  }
}
