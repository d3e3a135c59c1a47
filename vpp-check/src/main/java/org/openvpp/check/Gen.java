package org.openvpp.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values from {@link Choices}. Generators compose as plain code: a lambda that calls
 * other generators' {@link #next} in turn builds a compound value, and shrinks with them.
 *
 * <p>Numbers in a range favour its edges: about one value in ten is the value nearest zero, the
 * smallest or the largest; the others are spread evenly. Lists, arrays and strings favour short
 * lengths. A lower choice always gives a value nearer zero (or the range's end nearest zero), a
 * shorter list, an earlier element of a set.
 */
@FunctionalInterface
public interface Gen<T> {
  /** The next value, made from {@code in}'s choices. */
  T next(Choices in);

  /** This generator's values through {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return in -> f.apply(next(in));
  }

  /** Only the values {@code keep} accepts (this generator is asked again, up to 1,000 times). */
  default Gen<T> filter(Predicate<? super T> keep) {
    Objects.requireNonNull(keep, "keep");
    return in -> {
      for (int i = 0; i < 1_000; i++) {
        T v = next(in);
        if (keep.test(v)) {
          return v;
        }
      }
      throw new IllegalStateException(
          "the filter refused 1,000 values in a row: generate what it keeps instead");
    };
  }

  /** Lists of {@code min} to {@code max} values (unmodifiable). */
  default Gen<List<T>> list(int min, int max) {
    checkSize(min, max);
    return in -> {
      int n = length(in, min, max);
      List<T> out = new ArrayList<>();
      while (another(in, out.size(), min, max, n)) {
        out.add(next(in));
      }
      return Collections.unmodifiableList(out);
    };
  }

  /**
   * Lists of {@code min} to {@code max} values no two of which have the same {@code key}; a value
   * whose key is taken is drawn again (up to ten times per place).
   */
  default Gen<List<T>> uniqueList(int min, int max, Function<? super T, ?> key) {
    checkSize(min, max);
    Objects.requireNonNull(key, "key");
    return in -> {
      int n = length(in, min, max);
      List<T> out = new ArrayList<>();
      Set<Object> keys = new HashSet<>();
      for (int refused = 0; refused < 10 * max && another(in, out.size(), min, max, n); ) {
        T v = next(in);
        if (keys.add(key.apply(v))) {
          out.add(v);
        } else {
          refused++;
        }
      }
      if (out.size() < min) {
        throw new IllegalStateException(
            "found " + out.size() + " values with different keys of the " + min + " needed");
      }
      return Collections.unmodifiableList(out);
    };
  }

  /** Whole numbers from {@code min} to {@code max}. */
  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** Whole numbers from {@code min} to {@code max}. */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range: " + min + " to " + max);
    }
    return in -> Numbers.whole(in, min, max);
  }

  /** Any byte. */
  static Gen<Byte> bytes() {
    return longs(Byte.MIN_VALUE, Byte.MAX_VALUE).map(Long::byteValue);
  }

  /** Byte arrays of {@code min} to {@code max} bytes. */
  static Gen<byte[]> byteArrays(int min, int max) {
    return bytes()
        .list(min, max)
        .map(
            list -> {
              byte[] out = new byte[list.size()];
              for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
              }
              return out;
            });
  }

  /** Finite numbers from {@code min} to {@code max}. */
  static Gen<Double> doubles(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("not a finite range: " + min + " to " + max);
    }
    return in -> Numbers.real(in, min, max);
  }

  /** Decimals from {@code min} to {@code max} with {@code scale} decimal places. */
  static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
    long lo = min.setScale(scale, java.math.RoundingMode.CEILING).unscaledValue().longValueExact();
    long hi = max.setScale(scale, java.math.RoundingMode.FLOOR).unscaledValue().longValueExact();
    return longs(lo, hi).map(u -> BigDecimal.valueOf(u, scale));
  }

  /** {@code false} or {@code true}. */
  static Gen<Boolean> booleans() {
    return in -> in.atMost(1) == 1;
  }

  /** Strings of up to {@code maxLength} UTF-16 code units, any of them (surrogates included). */
  static Gen<String> strings(int maxLength) {
    Gen<Long> chars = longs(Character.MIN_VALUE, Character.MAX_VALUE);
    return chars
        .list(0, maxLength)
        .map(
            list -> {
              StringBuilder out = new StringBuilder(list.size());
              list.forEach(c -> out.append((char) c.longValue()));
              return out.toString();
            });
  }

  /** One of {@code values}, the first the simplest. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> list = new ArrayList<>(values.length);
    for (T v : values) {
      list.add(v);
    }
    return of(list);
  }

  /** One of {@code values}, the first the simplest. */
  static <T> Gen<T> of(List<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    List<T> copy = List.copyOf(values);
    return in -> copy.get(in.below(copy.size()));
  }

  /**
   * A fresh collection's length (not recorded; 0 when replaying): about one in ten the shortest,
   * one longer or the longest, four in ten short (up to ten more than the shortest), the rest
   * spread evenly. Short inputs find many faults (a lone space, a single byte) that long ones hide.
   */
  private static int length(Choices in, int min, int max) {
    if (!in.drawing()) {
      return 0;
    }
    int span = max - min;
    long kind = in.random(31);
    if (kind == 0 || span == 0) {
      return min;
    }
    if (kind == 1) {
      return min + 1;
    }
    if (kind == 2) {
      return max;
    }
    return min + (int) in.random(kind < 16 ? Math.min(span, 10) : span);
  }

  /**
   * Whether a collection of {@code size} gets another element: always below {@code min}, never at
   * {@code max}, else a recorded choice (1 for another, up to {@code n} when drawn), so that
   * deleting an element's choices with its 1 deletes the element.
   */
  private static boolean another(Choices in, int size, int min, int max, int n) {
    if (size < min) {
      return true;
    }
    return size < max && in.atMost(1, size < n ? 1 : 0) == 1;
  }

  private static void checkSize(int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("sizes must be 0 <= min <= max: " + min + ", " + max);
    }
  }
}
