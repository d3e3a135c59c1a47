package org.openvpp.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerTest {

  private static Runner runner(Gen<?> gen, Runner.Body body) {
    return new Runner(List.of(gen), body);
  }

  @Test
  void aPropertyThatHoldsPassesEveryTry() {
    int[] calls = {0};
    Optional<Runner.Failure> f =
        runner(
                Gen.ints(0, 1000),
                args -> {
                  calls[0]++;
                  assertThat((Integer) args[0]).isBetween(0, 1000);
                })
            .check(500, 7);
    assertThat(f).isEmpty();
    assertThat(calls[0]).isEqualTo(500);
  }

  @Test
  void aNumberIsShrunkToTheSmallestThatFails() {
    Runner.Failure f =
        runner(Gen.ints(0, 1_000_000), args -> assertThat((Integer) args[0]).isLessThan(1234))
            .check(1000, 7)
            .orElseThrow();
    assertThat(f.shrunk()).containsExactly("1234");
    assertThat(f.cause()).isInstanceOf(AssertionError.class);
    assertThat(f.describe(List.of("x")))
        .contains("seed 7", "-Dopenvpp.check.seed=7", "x = 1234", "first failing:");
  }

  @Test
  void aListIsShrunkToTheOneElementThatFails() {
    Runner.Failure f =
        runner(
                Gen.ints(-50, 50).list(0, 40),
                args -> {
                  @SuppressWarnings("unchecked")
                  List<Integer> xs = (List<Integer>) args[0];
                  assertThat(xs).allMatch(x -> x < 10);
                })
            .check(1000, 3)
            .orElseThrow();
    assertThat(f.shrunk()).containsExactly("[10]");
  }

  @Test
  void twoArgumentsShrinkTogether() {
    Runner.Failure f =
        new Runner(
                List.of(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.doubles(-100, 100)),
                args -> assertThat((Long) args[0] > 1_000 && (Double) args[1] < -1).isFalse())
            .check(1000, 11)
            .orElseThrow();
    assertThat(f.shrunk().get(0)).isEqualTo("1001");
    assertThat(Double.parseDouble(f.shrunk().get(1))).isLessThan(-1).isGreaterThan(-1.01);
  }

  @Test
  void theSameSeedFindsTheSameFailure() {
    Runner.Body body = args -> assertThat((Long) args[0] % 97).isNotEqualTo(3);
    Runner.Failure a = runner(Gen.longs(0, 1L << 40), body).check(1000, 42).orElseThrow();
    Runner.Failure b = runner(Gen.longs(0, 1L << 40), body).check(1000, 42).orElseThrow();
    assertThat(a.attempt()).isEqualTo(b.attempt());
    assertThat(a.first()).isEqualTo(b.first());
    assertThat(a.shrunk()).isEqualTo(b.shrunk());
    long shrunk = Long.parseLong(a.shrunk().get(0));
    assertThat(shrunk % 97).isEqualTo(3);
    assertThat(shrunk).isLessThanOrEqualTo(Long.parseLong(a.first().get(0)));
  }

  @Test
  void shrinkingKeepsToTheKindOfFailureFirstSeen() {
    Runner.Failure f =
        runner(
                Gen.ints(0, 1000),
                args -> {
                  int x = (Integer) args[0];
                  if (x >= 500) {
                    throw new IllegalStateException("big " + x);
                  }
                  if (x > 0) {
                    throw new AssertionError("small " + x);
                  }
                })
            .check(1000, 5)
            .orElseThrow();
    assertThat(f.cause()).isInstanceOf(f.cause().getClass());
    if (f.cause() instanceof IllegalStateException) {
      assertThat(f.shrunk()).containsExactly("500");
    } else {
      assertThat(f.shrunk()).containsExactly("1");
    }
  }

  @Test
  void withoutShrinkingTheFirstFailureIsReported() {
    Runner.Failure f =
        runner(Gen.ints(0, 1_000_000), args -> assertThat((Integer) args[0]).isLessThan(1234))
            .check(1000, 7, false)
            .orElseThrow();
    assertThat(f.shrunk()).isEqualTo(f.first());
    assertThat(f.steps()).isZero();
  }

  @Test
  void anAbortedTryCountsAsPassed() {
    Optional<Runner.Failure> f =
        runner(
                Gen.ints(0, 10),
                args -> {
                  throw new org.opentest4j.TestAbortedException("assumption not met");
                })
            .check(50, 1);
    assertThat(f).isEmpty();
  }

  @Test
  void argumentsAreShownReadably() {
    assertThat(Runner.text(new Object[] {new byte[] {1, -2}, "a\u0000\"", null, List.of(1)}))
        .containsExactly("[1, -2]", "\"a\\u0000\\u0022\"", "null", "[1]");
    assertThat(Runner.text(new Object[] {"x".repeat(1000)}).get(0)).endsWith("(1002 chars)");
  }

  @Test
  void smallerIsShorterOrLowerAtTheFirstDifference() {
    assertThat(Runner.smaller(new long[] {9}, new long[] {0, 0})).isTrue();
    assertThat(Runner.smaller(new long[] {1, 9}, new long[] {2, 0})).isTrue();
    assertThat(Runner.smaller(new long[] {5, -1}, new long[] {5, 3})).isFalse();
    assertThat(Runner.smaller(new long[] {5}, new long[] {5})).isFalse();
  }
}
