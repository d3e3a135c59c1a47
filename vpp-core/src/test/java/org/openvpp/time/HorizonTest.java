package org.openvpp.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HorizonTest {
  private static final Instant T0 = Instant.parse("2019-08-15T07:00:00Z");
  private final Horizon day = new Horizon(T0, Duration.ofMinutes(15), 96);

  @Test
  void findsTheIntervalHoldingAnInstant() {
    assertThat(day.indexOf(T0)).isZero();
    assertThat(day.indexOf(T0.plusSeconds(15 * 60 - 1))).isZero();
    assertThat(day.indexOf(T0.plusSeconds(15 * 60))).isEqualTo(1);
    assertThat(day.indexOf(day.end().minusNanos(1))).isEqualTo(95);
  }

  @Test
  void instantsOutsideAreMinusOne() {
    assertThat(day.indexOf(T0.minusNanos(1))).isEqualTo(-1);
    assertThat(day.indexOf(day.end())).isEqualTo(-1);
  }

  @Test
  void coversASpanOfWholeSteps() {
    Horizon h =
        Horizon.covering(new Interval(T0, T0.plus(Duration.ofHours(3))), Duration.ofMinutes(15));
    assertThat(h.count()).isEqualTo(12);
    assertThat(h.interval(11).end()).isEqualTo(T0.plus(Duration.ofHours(3)));
  }

  @Test
  void refusesASpanThatIsNotWholeSteps() {
    assertThatThrownBy(
            () -> Horizon.covering(new Interval(T0, T0.plusSeconds(1000)), Duration.ofMinutes(15)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void intervalsMustEndAfterTheyStart() {
    assertThatThrownBy(() -> new Interval(T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after its start");
  }
}
