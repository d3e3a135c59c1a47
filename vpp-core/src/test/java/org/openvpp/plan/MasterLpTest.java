package org.openvpp.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.Property;

class MasterLpTest {

  /** Two plans, one row: the mix that meets the need at the least cost. */
  @Test
  void mixesTwoPlansToMeetTheNeed() {
    MasterLp.Solution s =
        MasterLp.solve(
            2,
            new double[] {0, 1},
            new double[][] {{0}, {2}},
            new double[] {1},
            new double[] {0},
            new double[] {10});
    assertThat(s.weights[0]).isCloseTo(0.5, within(1e-12));
    assertThat(s.weights[1]).isCloseTo(0.5, within(1e-12));
    assertThat(s.unmet[0]).isCloseTo(0, within(1e-12));
    assertThat(s.value).isCloseTo(0.5, within(1e-12));
    assertThat(s.lambda[0]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void refusesAnEmptyBoxAndNumbersThatAreNot() {
    assertThatThrownBy(
            () ->
                MasterLp.solve(
                    1,
                    new double[] {0},
                    new double[][] {{1}},
                    new double[] {1},
                    new double[] {2},
                    new double[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("box [2.0, 1.0] is empty");
    assertThatThrownBy(
            () ->
                MasterLp.solve(
                    1,
                    new double[] {Double.NaN},
                    new double[][] {{1}},
                    new double[] {1},
                    new double[] {0},
                    new double[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("costs NaN");
  }

  /**
   * Boxes so narrow that lo and hi differ by rounding only (the stabilised search's box shrunk
   * around large multipliers): the ray of unmet-and-exceeded costs nothing, which rounding may turn
   * into a seeming descent; the master must still solve, meeting every row it can.
   */
  @Property(tries = 200)
  void narrowBoxesAroundLargeMultipliersStillSolve(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int m = 1 + random.nextInt(12);
    int columns = 1 + random.nextInt(30);
    double[] cost = new double[columns];
    double[][] delivery = new double[columns][m];
    for (int k = 0; k < columns; k++) {
      cost[k] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 4));
      for (int i = 0; i < m; i++) {
        delivery[k][i] = random.nextDouble(-0.2, 1.2);
      }
    }
    double[] r = new double[m];
    double[] lo = new double[m];
    double[] hi = new double[m];
    for (int i = 0; i < m; i++) {
      r[i] = random.nextDouble(0, 1);
      double centre = Math.pow(10, random.nextInt(-2, 9)) * random.nextDouble();
      double half = centre * Math.pow(10, -random.nextInt(8, 17));
      lo[i] = Math.max(0, centre - half);
      hi[i] = Math.max(lo[i], centre + half);
    }
    MasterLp.Solution s = MasterLp.solve(columns, cost, delivery, r, lo, hi);
    double sum = 0;
    for (double w : s.weights) {
      assertThat(w).isGreaterThanOrEqualTo(0);
      sum += w;
    }
    assertThat(sum).isCloseTo(1, within(1e-6));
    for (int i = 0; i < m; i++) {
      assertThat(s.lambda[i]).isBetween(lo[i], hi[i]);
    }
  }
}
