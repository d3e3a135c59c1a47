package org.openvpp.market.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.market.regulation.SyntheticRegulationSignal.Shape;
import org.openvpp.units.Power;

/**
 * PJM's performance score against values computed by hand. Unless said otherwise the series are one
 * hour at the scoring sample of 10 s (360 samples), so the score's 5-minute windows start at
 * samples 0 to 300 (a window and the largest shift, 60 samples, must fit in the hour).
 */
class PerformanceScoreTest {
  private static final Duration TEN = Duration.ofSeconds(10);
  private static final int HOUR = 360;
  private static final Offset<Double> EXACT = within(1e-12);

  private final PerformanceScore pjm = PerformanceScore.pjm();

  /** A square wave of ±1: 15 samples (150 s) up, 15 down, so one period is one 5-minute window. */
  private static double square(int i) {
    return Math.floorMod(i, 30) < 15 ? 1 : -1;
  }

  private static double[] square(int n, int lateBy) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = square(i - lateBy);
    }
    return x;
  }

  /** A sine of amplitude 0.8 and period 200 s: never flat over a window. */
  private static double[] sine(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.8 * Math.sin(2 * Math.PI * i / 20.0);
    }
    return x;
  }

  @Test
  void aPerfectFollowerScoresOne() {
    double[] signal =
        new SyntheticRegulationSignal(Shape.fast(Duration.ofSeconds(2)), 3)
            .over(Duration.ofHours(2));

    Scorecard card = pjm.score(signal, signal.clone(), Duration.ofSeconds(2));

    assertThat(card.hours()).hasSize(2);
    assertScore(card.overall(), 1, 1, 1);
  }

  /**
   * Late by 60 s = 6 samples. Over a window of one whole period the correlation of the square wave
   * with itself {@code L} samples later is {@code (30 − 4|L|)/30} (2|L| of 30 products are −1). At
   * shift d the response window is the signal {@code d − 6} later, and the delay score is {@code
   * (30 − max(0, d − 1))/30} (the first 10 s are allowed), so correlation + delay is {@code (37 +
   * 3d)/30} for 1 ≤ d ≤ 6, {@code (85 − 5d)/30} for 7 ≤ d ≤ 21 and {@code (3d − 83)/30} beyond,
   * {@code 1.2} at d = 0: the best is d = 6, correlation 1, delay score 25/30. Precision: the
   * response differs from the signal (by 2) on 12 of every 30 samples, mean error 0.8 over a mean
   * |signal| of 1: precision 0.2.
   */
  @Test
  void aFollowerLateByOneMinuteLosesASixthOnDelay() {
    Scorecard card = pjm.score(square(HOUR, 0), square(HOUR, 6), TEN);

    Score hour = card.hours().get(0);
    assertThat(hour.accuracy()).isCloseTo(1, EXACT);
    assertThat(hour.delay()).isCloseTo(25 / 30.0, EXACT);
    assertThat(hour.precision()).isCloseTo(0.2, EXACT);
    assertThat(hour.composite()).isCloseTo((1 + 25 / 30.0 + 0.2) / 3, EXACT); // 0.6778
  }

  /**
   * Late by one sample, within PJM's 10-second allowance: shift 1 has correlation 1 and delay score
   * 1, the most there is. The response is off by 2 on 2 of every 30 samples: precision 1 − 4/30.
   */
  @Test
  void aFollowerLateByTenSecondsLosesNothingOnDelay() {
    Score hour = pjm.score(square(HOUR, 0), square(HOUR, 1), TEN).overall();

    assertThat(hour.accuracy()).isCloseTo(1, EXACT);
    assertThat(hour.delay()).isCloseTo(1, EXACT);
    assertThat(hour.precision()).isCloseTo(1 - 4 / 30.0, EXACT);
  }

  /**
   * Half the signal: correlation 1 at shift 0, delay score 1; |0.5 s − s| = 0.5 |s| everywhere, so
   * the mean error over the mean |signal| is 0.5: precision 0.5, composite 2.5/3.
   */
  @Test
  void aFollowerAtHalfAmplitudeLosesHalfItsPrecision() {
    double[] signal = sine(HOUR);
    double[] half = new double[HOUR];
    for (int i = 0; i < HOUR; i++) {
      half[i] = 0.5 * signal[i];
    }

    Score hour = pjm.score(signal, half, TEN).overall();

    assertThat(hour.accuracy()).isCloseTo(1, within(1e-9));
    assertThat(hour.delay()).isCloseTo(1, EXACT);
    assertThat(hour.precision()).isCloseTo(0.5, within(1e-9));
    assertThat(hour.composite()).isCloseTo(2.5 / 3, within(1e-9));
  }

  /**
   * A response that never moves has no correlation at any shift: accuracy 0 and, by our reading,
   * delay 0 (not the 1 of shift 0); |0 − s| = |s|: precision 0.
   */
  @Test
  void aResponseThatDoesNotMoveScoresZero() {
    Score hour = pjm.score(sine(HOUR), new double[HOUR], TEN).overall();

    assertThat(hour).isEqualTo(new Score(0, 0, 0, 0));
  }

  /**
   * A signal that does not move over a window is scored by slopes. The signal holds 0.5; the
   * response drifts through it by 0.001 a sample: every window's slopes differ by 0.001, so the
   * correlation is 0.999 at every shift and the best is shift 0 (delay 1). Precision: the mean of
   * |0.001 (i − 179.5)| over the hour is 0.001 × 90, over a mean |signal| of 0.5: 1 − 0.18.
   */
  @Test
  void aFlatSignalIsScoredBySlopes() {
    double[] signal = new double[HOUR];
    double[] response = new double[HOUR];
    for (int i = 0; i < HOUR; i++) {
      signal[i] = 0.5;
      response[i] = 0.5 + 0.001 * (i - 179.5);
    }

    Score hour = pjm.score(signal, response, TEN).overall();

    assertThat(hour.accuracy()).isCloseTo(0.999, within(1e-9));
    assertThat(hour.delay()).isCloseTo(1, EXACT);
    assertThat(hour.precision()).isCloseTo(0.82, within(1e-9));
    assertThat(hour.composite()).isCloseTo((0.999 + 1 + 0.82) / 3, within(1e-9));
  }

  /**
   * Each hour is scored on its own and the overall score is their mean: an hour followed exactly,
   * then an hour one minute late. The first hour's precision is 1 (its own samples only), but its
   * windows from minute 50 on look into the second hour, as PJM's do, so its accuracy is less than
   * 1; the second hour's windows all lie in the late part.
   */
  @Test
  void theOverallScoreIsTheMeanOfTheHours() {
    double[] signal = square(2 * HOUR, 0);
    double[] response = signal.clone();
    double[] late = square(2 * HOUR, 6);
    System.arraycopy(late, HOUR, response, HOUR, HOUR);

    Scorecard card = pjm.score(signal, response, TEN);

    Score first = card.hours().get(0);
    Score second = card.hours().get(1);
    assertThat(first.precision()).isCloseTo(1, EXACT);
    assertThat(first.accuracy()).isLessThan(1);
    assertThat(second.delay()).isCloseTo(25 / 30.0, EXACT);
    assertThat(second.precision()).isCloseTo(0.2, EXACT);
    assertThat(card.overall().delay()).isCloseTo((first.delay() + second.delay()) / 2, EXACT);
    assertThat(card.overall().composite())
        .isCloseTo((first.composite() + second.composite()) / 2, EXACT);
  }

  @Test
  void samplesAfterTheLastWholeHourAreLookaheadNotAnHour() {
    Scorecard card = pjm.score(square(HOUR + 60, 0), square(HOUR + 60, 6), TEN);

    assertThat(card.hours()).hasSize(1);
    assertThat(card.overall().delay()).isCloseTo(25 / 30.0, EXACT);
  }

  @Test
  void aSeriesAtTwoSecondsScoresAsItsTenSecondMeans() {
    double[] tenS = sine(HOUR);
    double[] late = square(HOUR, 3);
    double[] twoS = new double[5 * HOUR];
    double[] lateTwoS = new double[5 * HOUR];
    for (int i = 0; i < twoS.length; i++) {
      twoS[i] = tenS[i / 5];
      lateTwoS[i] = late[i / 5];
    }

    Score ten = pjm.score(tenS, late, TEN).overall();

    assertScore(
        pjm.score(twoS, lateTwoS, Duration.ofSeconds(2)).overall(),
        ten.accuracy(),
        ten.delay(),
        ten.precision());
  }

  @Test
  void wattsWithTheirCapabilityScoreAsNormalisedValues() {
    double[] signal = sine(HOUR);
    double[] response = square(HOUR, 2);
    double[] signalW = new double[HOUR];
    double[] responseW = new double[HOUR];
    for (int i = 0; i < HOUR; i++) {
      signalW[i] = 5_000_000 * signal[i];
      responseW[i] = 5_000_000 * response[i];
    }

    Scorecard watts = pjm.score(signalW, responseW, Power.ofKilowatts(5_000), TEN);
    Scorecard unit = pjm.score(signal, response, TEN);

    assertThat(watts.overall().composite()).isCloseTo(unit.overall().composite(), within(1e-12));
  }

  @Property(tries = 50)
  void anySyntheticSignalFollowedExactlyScoresOne(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Duration step = Duration.ofSeconds(4);
    double[] signal =
        new SyntheticRegulationSignal(Shape.fast(step), seed).over(Duration.ofHours(1));

    assertScore(pjm.score(signal, signal, step).overall(), 1, 1, 1);
  }

  @Test
  void seriesOfDifferentLengthsAreRefused() {
    assertThatThrownBy(() -> pjm.score(new double[HOUR], new double[HOUR - 1], TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "signal has 360 samples and response 359: they must be the same length, sampled at"
                + " the same instants");
  }

  @Test
  void aSignalZeroThroughoutAnHourIsRefused() {
    double[] signal = square(2 * HOUR, 0);
    java.util.Arrays.fill(signal, HOUR, 2 * HOUR, 0);

    assertThatThrownBy(() -> pjm.score(signal, signal.clone(), TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the signal is zero throughout hour 1 (samples 360 to 719")
        .hasMessageContaining("precision score divides by the hour's average signal");
  }

  @Test
  void lessThanAnHourIsRefused() {
    assertThatThrownBy(() -> pjm.score(sine(HOUR - 1), sine(HOUR - 1), TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one whole period of PT1H (360 samples of PT10S)")
        .hasMessageContaining("the series spans PT59M50S");
  }

  @Test
  void aValueThatIsNotFiniteIsRefused() {
    double[] response = sine(HOUR);
    response[17] = Double.NaN;

    assertThatThrownBy(() -> pjm.score(sine(HOUR), response, TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("response[17] is NaN: every sample must be finite");
  }

  @Test
  void aStepLongerThanTheScoringSampleIsRefused() {
    assertThatThrownBy(() -> pjm.score(sine(60), sine(60), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most the scoring sample of PT10S, was PT1M");
  }

  private static void assertScore(Score s, double accuracy, double delay, double precision) {
    assertThat(s.accuracy()).as("accuracy").isCloseTo(accuracy, within(1e-12));
    assertThat(s.delay()).as("delay").isCloseTo(delay, within(1e-12));
    assertThat(s.precision()).as("precision").isCloseTo(precision, within(1e-12));
    assertThat(s.composite())
        .as("composite")
        .isCloseTo((accuracy + delay + precision) / 3, within(1e-12));
  }

  @Test
  void theDelayScoreFallsFromOneAfterTheAllowanceToZeroAtFiveMinutes() {
    ScoringRules rules = ScoringRules.pjm();

    assertThat(rules.delayScore(0)).isEqualTo(1);
    assertThat(rules.delayScore(1)).isEqualTo(1);
    assertThat(rules.delayScore(6)).isCloseTo(25 / 30.0, EXACT);
    assertThat(rules.delayScore(30)).isCloseTo(1 / 30.0, EXACT);
  }
}
