package org.openvpp.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GenTest {

  @Test
  void aSideAndADistanceReachEveryValueOfARangeAndZeroIsTheOrigin() {
    for (long[] r : new long[][] {{-3, 5}, {1, 20}, {-20, -1}, {0, 0}, {-7, 7}, {-128, 127}}) {
      Set<Long> seen = new HashSet<>();
      boolean bothSides = r[0] < 0 && r[1] > 0;
      for (long side = 0; side <= 1; side++) {
        for (long d = 0; d <= r[1] - r[0]; d++) {
          long[] choices = bothSides ? new long[] {side, d} : new long[] {d};
          long v = Gen.longs(r[0], r[1]).next(Choices.replaying(choices));
          assertThat(v).isBetween(r[0], r[1]);
          seen.add(v);
        }
      }
      assertThat(seen).hasSize((int) (r[1] - r[0]) + 1);
    }
    assertThat(Gen.longs(-3, 5).next(Choices.replaying(new long[] {0, 0}))).isZero();
    assertThat(Gen.longs(-3, 5).next(Choices.replaying(new long[] {1, 2}))).isEqualTo(-2);
    assertThat(Gen.longs(1, 20).next(Choices.replaying(new long[] {4}))).isEqualTo(5);
  }

  @Test
  void theWholeLongRangeReachesBothEnds() {
    Gen<Long> any = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(any.next(Choices.replaying(new long[] {1, -1}))).isEqualTo(Long.MIN_VALUE);
    assertThat(any.next(Choices.replaying(new long[] {0, -1}))).isEqualTo(Long.MAX_VALUE);
    assertThat(Gen.doubles(-2, 3).next(Choices.replaying(new long[] {1, -1}))).isEqualTo(-2);
    assertThat(Gen.doubles(-2, 3).next(Choices.replaying(new long[] {0, -1}))).isEqualTo(3);
  }

  @Test
  void aFreshValueReplaysToItself() {
    Choices in = Choices.drawn(9);
    for (int i = 0; i < 500; i++) {
      Choices one = Choices.drawn(i);
      long x = Gen.longs(-1000, 1L << 50).next(one);
      double y = Gen.doubles(-30, 7.5).next(one);
      Choices again = Choices.replaying(one.made());
      assertThat(Gen.longs(-1000, 1L << 50).next(again)).isEqualTo(x);
      assertThat(Gen.doubles(-30, 7.5).next(again)).isEqualTo(y);
    }
    assertThat(in.drawing()).isTrue();
  }

  @Test
  void rangesHoldAndTheirEdgesComeUp() {
    Choices in = Choices.drawn(1);
    Set<Integer> ints = new HashSet<>();
    Set<Double> edges = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      int x = Gen.ints(-5, 1000).next(in);
      assertThat(x).isBetween(-5, 1000);
      ints.add(x);
      double d = Gen.doubles(0.5, 60).next(in);
      assertThat(d).isBetween(0.5, 60.0);
      if (d == 0.5 || d == 60) {
        edges.add(d);
      }
      BigDecimal m = Gen.decimals(new BigDecimal("-1"), new BigDecimal("1"), 2).next(in);
      assertThat(m.scale()).isEqualTo(2);
      assertThat(m.abs()).isLessThanOrEqualTo(BigDecimal.ONE);
    }
    assertThat(ints).contains(-5, 0, 1000);
    assertThat(edges).containsExactlyInAnyOrder(0.5, 60.0);
  }

  @Test
  void replayedChoicesAboveTheirBoundAreTheBoundAndMissingOnesZero() {
    Choices in = Choices.replaying(new long[] {7, 100});
    assertThat(in.atMost(9)).isEqualTo(7);
    assertThat(in.atMost(3)).isEqualTo(3);
    assertThat(in.atMost(50)).isZero();
    assertThat(in.made()).containsExactly(7, 3, 0);
  }

  @Test
  void theSimplestChoicesGiveTheSimplestValues() {
    Choices zeros = Choices.replaying(new long[0]);
    assertThat(Gen.ints(-5, 5).next(zeros)).isZero();
    assertThat(Gen.ints(3, 5).next(zeros)).isEqualTo(3);
    assertThat(Gen.doubles(-2, -1).next(zeros)).isEqualTo(-1);
    assertThat(Gen.ints(0, 9).list(2, 5).next(zeros)).containsExactly(0, 0);
    assertThat(Gen.byteArrays(0, 5).next(zeros)).isEmpty();
    assertThat(Gen.of("a", "b").next(zeros)).isEqualTo("a");
    assertThat(Gen.strings(5).next(zeros)).isEmpty();
    assertThat(Gen.booleans().next(zeros)).isFalse();
  }

  @Test
  void lengthsFavourTheShortAndTheEdges() {
    Choices in = Choices.drawn(5);
    int[] count = new int[301];
    for (int i = 0; i < 10_000; i++) {
      count[Gen.byteArrays(0, 300).next(in).length]++;
    }
    assertThat(count[0]).isGreaterThan(300);
    assertThat(count[1]).isGreaterThan(300);
    assertThat(count[300]).isGreaterThan(250);
    int short10 = 0;
    for (int n = 0; n <= 10; n++) {
      short10 += count[n];
    }
    assertThat(short10).isBetween(4_000, 6_000);
  }

  @Test
  void uniqueListsHaveDistinctKeys() {
    Choices in = Choices.drawn(3);
    for (int i = 0; i < 200; i++) {
      List<Integer> xs = Gen.ints(0, 1000).uniqueList(1, 30, x -> x % 100).next(in);
      assertThat(xs).hasSizeBetween(1, 30);
      assertThat(xs.stream().map(x -> x % 100).distinct().count()).isEqualTo(xs.size());
    }
  }

  @Test
  void aFilterThatRefusesEverythingSaysSo() {
    assertThatThrownBy(() -> Gen.ints(0, 5).filter(x -> x > 5).next(Choices.drawn(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused 1,000 values");
  }

  @Test
  void badRangesAreRefused() {
    assertThatThrownBy(() -> Gen.longs(5, 4)).hasMessageContaining("empty range: 5 to 4");
    assertThatThrownBy(() -> Gen.doubles(0, Double.NaN)).hasMessageContaining("not a finite");
    assertThatThrownBy(() -> Gen.ints(0, 1).list(3, 2)).hasMessageContaining("sizes");
  }
}
