package org.openvpp.market.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The arithmetic under the score, on inputs small enough to check by hand. */
class WindowsTest {

  /**
   * Twelve samples, the response the signal one sample late (0 before it starts).
   *
   * <pre>
   * s = 0 1 2 1 0 -1 -2 -1 0 1 2 1     Σs = 4,  mean 1/3,  Σs² = 18
   * r = 0 0 1 2 1  0 -1 -2 -1 0 1 2    Σr = 3,  mean 1/4,  Σr² = 17
   * Σsr = 2 + 2 + 2 + 2 + 2 + 2 = 12
   * n·cov  = 12 − 12 · 1/3 · 1/4 = 11
   * n·var s = 18 − 12 · 1/9  = 50/3
   * n·var r = 17 − 12 · 1/16 = 65/4
   * ρ = 11 / √(50/3 · 65/4) = 11 / √270.83 = 0.66840
   * </pre>
   */
  @Test
  void theCorrelationOfTwelveSamplesIsTheHandComputedOne() {
    double[] s = {0, 1, 2, 1, 0, -1, -2, -1, 0, 1, 2, 1};
    double[] r = {0, 0, 1, 2, 1, 0, -1, -2, -1, 0, 1, 2};

    assertThat(Windows.pearson(s, 0, r, 0, 12))
        .isCloseTo(11 / Math.sqrt(3250 / 12.0), within(1e-12));
    assertThat(Windows.pearson(s, 0, r, 0, 12)).isCloseTo(0.66840, within(1e-5));
    // one sample on, the response is the signal: s[0..10] against r[1..11]
    assertThat(Windows.pearson(s, 0, r, 1, 11)).isCloseTo(1, within(1e-12));
  }

  /**
   * The same twelve samples against their places 0..11 (mean 5.5): Σ(i − 5.5)·s_i = Σ i·s_i − 5.5 ·
   * Σs = 24 − 22 = 2, Σ(i − 5.5)² = 143, slope 2/143.
   */
  @Test
  void theSlopeOfTwelveSamplesIsTheHandComputedOne() {
    double[] s = {0, 1, 2, 1, 0, -1, -2, -1, 0, 1, 2, 1};

    assertThat(Windows.slope(s, 0, 12)).isCloseTo(2 / 143.0, within(1e-15));
  }

  @Test
  void aConstantWindowHasNoCorrelation() {
    double[] s = {0, 1, 2, 1};
    double[] r = {0.3, 0.3, 0.3, 0.3};

    assertThat(Windows.pearson(s, 0, r, 0, 4)).isZero();
    assertThat(Windows.std(r, 0, 4)).isZero();
  }

  /** Values at 4 s into 10 s samples: {@code (4a + 4b + 2c)/10} and {@code (2c + 4d + 4e)/10}. */
  @Test
  void fourSecondValuesAreAveragedIntoTenSecondSamplesByTheTimeTheyHold() {
    double[] x = {1, 2, 3, 4, 5};

    double[] ten = Resample.toSamples(x, Duration.ofSeconds(4), Duration.ofSeconds(10));

    assertThat(ten).containsExactly(new double[] {1.8, 4.2}, within(1e-12));
  }

  @Test
  void twoSecondValuesAreAveragedFiveToASample() {
    double[] x = {1, 1, 1, 1, 6, 0, 0, 0, 0, 0};

    double[] ten = Resample.toSamples(x, Duration.ofSeconds(2), Duration.ofSeconds(10));

    assertThat(ten).containsExactly(new double[] {2, 0}, within(1e-12));
  }

  /**
   * x = 0, 0.5, 1, 1, 0.5 at 2 s: ramps 0.5, 0.5, 0, 0.5 (mean 0.375 a step, 0.1875 /s; most 0.25
   * /s); two of five samples at 1; mean |x| 0.6. Lag 1: 0, 0.5, 1, 1 against 0.5, 1, 1, 0.5 (means
   * 0.625, 0.75): Σ da·db = 0.125, Σ da² = 0.6875, Σ db² = 0.25, ρ = 0.125 / √0.171875.
   */
  @Test
  void statisticsOfFiveSamplesAreTheHandComputedOnes() {
    SignalStatistics s =
        SignalStatistics.of(new double[] {0, 0.5, 1, 1, 0.5}, Duration.ofSeconds(2));

    assertThat(s.meanAbsRampPerSecond()).isCloseTo(0.1875, within(1e-12));
    assertThat(s.maxAbsRampPerSecond()).isCloseTo(0.25, within(1e-12));
    assertThat(s.shareNearLimits()).isCloseTo(0.4, within(1e-12));
    assertThat(s.meanAbsValue()).isCloseTo(0.6, within(1e-12));
    assertThat(s.lag1Autocorrelation()).isCloseTo(0.125 / Math.sqrt(0.171875), within(1e-12));
  }
}
