package org.openvpp.world.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.time.Interval;
import org.openvpp.world.truth.TruthWriter;

/** The truth as the world writes it and evaluation reads it back, worked by hand. */
class TruthFileTest {
  private static final Instant T0 = Instant.parse("2019-08-06T00:00:00Z");
  private static final Duration Q = Duration.ofMinutes(15);

  @TempDir Path dir;

  private Path fourIntervals() {
    Path file = dir.resolve("truth.bin");
    try (TruthWriter w =
        new TruthWriter(file, List.of("m-1", "m-2"), List.of("BATTERY", "THERMOSTAT"))) {
      for (int k = 0; k < 4; k++) {
        // site 1 uses k kWh with the VPP and 2 without; site 2 always 1 and 1
        w.interval(
            T0.plus(Q.multipliedBy(k)),
            new double[] {k, 1},
            new double[] {2, 1},
            new double[] {-k, 0.5},
            new double[] {0, 1.0});
      }
      w.event("byo-battery", new Interval(T0, T0.plus(Q.multipliedBy(2))), 7, 12.5);
    }
    return file;
  }

  @Test
  void readsBackSitesKindsAndWhatTheBatteriesCouldHold() {
    TruthFile t = TruthFile.read(fourIntervals());
    Interval firstHalf = new Interval(T0, T0.plus(Q.multipliedBy(2)));
    assertThat(t.over(List.of("m-1", "m-2"), firstHalf).orElseThrow())
        .containsExactly(0 + 1 + 1 + 1, 2 + 2 + 1 + 1);
    assertThat(t.kindOver("THERMOSTAT", firstHalf).orElseThrow()).containsExactly(1.0, 2.0);
    assertThat(t.kindOver("BATTERY", firstHalf).orElseThrow()).containsExactly(-1.0, 0.0);
    assertThat(t.kindOver("PV_INVERTER", firstHalf)).isEmpty();
    assertThat(t.holdable())
        .containsExactly(new TruthFile.Holdable("byo-battery", firstHalf, 7, 12.5));
  }

  @Test
  void peaksAreTheHighestQuarterHourOfTheGroupInKilowatts() {
    TruthFile t = TruthFile.read(fourIntervals());
    double[] p = t.peaks(List.of("m-1", "m-2"), new Interval(T0, T0.plus(Q.multipliedBy(4)))).get();
    // with: the last interval, 3 + 1 kWh in a quarter hour; without: 2 + 1 throughout
    assertThat(p[0]).isCloseTo(16.0, within(1e-9));
    assertThat(p[1]).isCloseTo(12.0, within(1e-9));
    assertThat(t.peaks(List.of("m-1"), new Interval(T0, T0.plus(Q.multipliedBy(8))))).isEmpty();
  }

  @Test
  void aGroupSumsItsSitesPerInterval() {
    TruthFile.Series s = TruthFile.read(fourIntervals()).group(List.of("m-1", "m-2")).get();
    assertThat(s.start()).isEqualTo(T0);
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.with(4)).containsExactly(1, 2, 3, 4);
    assertThat(s.without(2)).containsExactly(3, 3);
  }

  @Test
  void aRecordCutShortAtTheEndIsLeftOut() throws IOException {
    Path file = fourIntervals();
    byte[] all = Files.readAllBytes(file);
    // the event record (1 + 2 + 11 + 8 + 8 + 4 + 8 bytes) and half of the last interval gone
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 42 - 10));
    TruthFile t = TruthFile.read(cut);
    assertThat(t.group(List.of("m-1")).orElseThrow().count()).isEqualTo(3);
    assertThat(t.holdable()).isEmpty();
  }
}
