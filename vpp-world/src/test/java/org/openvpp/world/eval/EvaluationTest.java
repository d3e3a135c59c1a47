package org.openvpp.world.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.fleet.Misbehaviour;

/** The summary's account of messages: kept late apart from refused. */
class EvaluationTest {

  @Test
  void lateTelemetryIsKeptNotRefused() {
    assertThat(
            Evaluation.outcomes(
                Map.of("accepted", 30_101L, "late", 8_625L, "lost", 0L, "duplicate", 0L), true))
        .isEqualTo("30,101 accepted, 8,625 kept but late, 0 refused");
  }

  @Test
  void refusalsAreCountedByReason() {
    assertThat(
            Evaluation.outcomes(
                Map.of("accepted", 10L, "late", 1L, "malformed", 2L, "unknown_device", 1_200L),
                true))
        .isEqualTo(
            "10 accepted, 1 kept but late, 1,202 refused (malformed 2," + " unknown_device 1,200)");
    assertThat(Evaluation.outcomes(Map.of("accepted", 1_140L, "duplicate", 3L), false))
        .isEqualTo("1,140 accepted, 3 refused (duplicate 3)");
  }

  @Test
  void whatTheScenarioDoesOnPurposeIsSaidWithItsCause() {
    assertThat(Evaluation.onPurpose(new Misbehaviour(5, 30, 2, 0.05, 0.1, 10, 120, 0.02, 90, 5)))
        .isEqualTo(
            "the scenario's devices misbehave as real ones do: reports delayed up to 90 s (so some"
                + " arrive late), 5 % ignore commands, 0.10 offline spells a device a day of 10–120"
                + " min, commands acted on after 5–30 s");
  }
}
