package org.openvpp.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension through JUnit itself: every kind of parameter, providers, and errors. */
class PropertyExtensionTest {
  enum Colour {
    RED,
    GREEN
  }

  private int tries;

  @Provide
  Gen<String> words() {
    return Gen.of("watt", "volt");
  }

  @Property(tries = 25)
  void everyKindOfParameterIsGenerated(
      @ForAll @IntRange(min = 1, max = 20) int i,
      @ForAll long seed,
      @ForAll @LongRange(min = -3, max = 3) long small,
      @ForAll @DoubleRange(min = 0.5, max = 60) double d,
      @ForAll byte b,
      @ForAll boolean flag,
      @ForAll Colour colour,
      @ForAll @BigRange(min = "-10", max = "10") BigDecimal money,
      @ForAll @Size(max = 30) byte[] junk,
      @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = 9) Long> digits,
      @ForAll("words") String word) {
    tries++;
    assertThat(i).isBetween(1, 20);
    assertThat(small).isBetween(-3L, 3L);
    assertThat(d).isBetween(0.5, 60.0);
    assertThat(colour).isNotNull();
    assertThat(money.abs()).isLessThanOrEqualTo(BigDecimal.TEN);
    assertThat(junk.length).isLessThanOrEqualTo(30);
    assertThat(digits).hasSizeBetween(1, 5).allMatch(x -> x >= 0 && x <= 9);
    assertThat(word).isIn("watt", "volt");
    assertThat(tries).isLessThanOrEqualTo(25);
  }

  @Test
  void theSeedIsFixedByTheMethodUnlessAskedFor() throws Exception {
    Method m = getClass().getDeclaredMethod("theSeedIsFixedByTheMethodUnlessAskedFor");
    assertThat(PropertyExtension.seed(m)).isEqualTo(PropertyExtension.seed(m));
    System.setProperty(PropertyExtension.SEED, "12");
    try {
      assertThat(PropertyExtension.seed(m)).isEqualTo(12);
      System.setProperty(PropertyExtension.SEED, "twelve");
      assertThatThrownBy(() -> PropertyExtension.seed(m))
          .hasMessageContaining("openvpp.check.seed must be a whole number or 'random'");
    } finally {
      System.clearProperty(PropertyExtension.SEED);
    }
  }

  @SuppressWarnings("unused")
  void unannotated(double x) {}

  @SuppressWarnings("unused")
  void unranged(@ForAll double x) {}

  @SuppressWarnings("unused")
  void missingProvider(@ForAll("nothing") String x) {}

  @Test
  void aParameterThatCannotBeGeneratedIsNamedWithWhatItNeeds() throws Exception {
    assertThatThrownBy(() -> Generators.of(param("unannotated", double.class), this))
        .hasMessageContaining("has no @ForAll");
    assertThatThrownBy(() -> Generators.of(param("unranged", double.class), this))
        .hasMessageContaining("PropertyExtensionTest.unranged needs a @DoubleRange");
    assertThatThrownBy(() -> Generators.of(param("missingProvider", String.class), this))
        .hasMessageContaining("@ForAll(\"nothing\"), but the test class has no such method");
  }

  private java.lang.reflect.Parameter param(String method, Class<?> type) throws Exception {
    return getClass().getDeclaredMethod(method, type).getParameters()[0];
  }
}
