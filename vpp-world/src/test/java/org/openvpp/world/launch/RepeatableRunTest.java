package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.ServiceSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.eval.Evaluation;

/**
 * A headless run with a seed gives the same figures every time: the world and the service keep in
 * step on the world's clock, so neither the machine's speed nor the threads' timing shows in the
 * results. Two runs of the same day, each a fresh world and service; the utility's event ids are
 * new in each run (its VTN makes them), everything measured must be equal.
 */
class RepeatableRunTest {

  @TempDir Path tmp;

  @Test
  void twoHeadlessRunsWithOneSeedGiveTheSameFigures() {
    Scenario s = ScenarioFile.load("winter-morning-ca").withHomes(12);
    Evaluation.Figures first = run(s, tmp.resolve("truth-1.bin"));
    Evaluation.Figures second = run(s, tmp.resolve("truth-2.bin"));

    assertThat(first.events()).isNotEmpty();
    assertThat(second.events())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
        .isEqualTo(first.events());
    assertThat(second.telemetrySent()).isEqualTo(first.telemetrySent());
    assertThat(second.telemetry()).isEqualTo(first.telemetry());
    assertThat(second.readingsSent()).isEqualTo(first.readingsSent());
    assertThat(second.readings()).isEqualTo(first.readings());
    assertThat(second.paidUsd()).isEqualTo(first.paidUsd());
    assertThat(second.invoicedUsd()).isEqualTo(first.invoicedUsd());
  }

  private static Evaluation.Figures run(Scenario s, Path truth) {
    try (Beside beside =
        Beside.start(
            s,
            new ServiceSettings.InMemory(),
            truth,
            0,
            0,
            Optional.empty(),
            0,
            new PrintStream(OutputStream.nullOutputStream()))) {
      return beside.run(Optional.of(1), day -> {});
    }
  }
}
