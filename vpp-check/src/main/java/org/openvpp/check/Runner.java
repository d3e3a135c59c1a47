package org.openvpp.check;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.opentest4j.TestAbortedException;

/**
 * Runs a property's tries and shrinks the first failure (see {@link Choices} for how).
 *
 * <p>A try whose body aborts (a JUnit assumption) counts as passed. Shrinking keeps a candidate
 * only if it fails with the same kind of throwable as the first failure, so it does not wander off
 * to another bug; it stops when a full pass finds nothing smaller, after {@link #MAX_SHRINK_CALLS}
 * replays or after {@link #MAX_SHRINK_NANOS}, whichever comes first.
 */
final class Runner {
  /** A property's body: throws when the property does not hold for {@code args}. */
  @FunctionalInterface
  interface Body {
    void run(Object[] args) throws Throwable;
  }

  /**
   * A failed property.
   *
   * @param attempt the failing try, from 1
   * @param tries the tries asked for
   * @param seed the seed the tries were drawn from
   * @param first the first failing arguments, as text
   * @param shrunk the simplest failing arguments found, as text
   * @param steps how many smaller failing cases shrinking went through
   * @param cause what the simplest case threw
   */
  record Failure(
      int attempt,
      int tries,
      long seed,
      List<String> first,
      List<String> shrunk,
      int steps,
      Throwable cause) {

    /** What failed and how to run it again. */
    String describe(List<String> names) {
      StringBuilder b = new StringBuilder();
      b.append("property failed on try ")
          .append(attempt)
          .append(" of ")
          .append(tries)
          .append(" (seed ")
          .append(seed)
          .append("; run it again with -Dopenvpp.check.seed=")
          .append(seed)
          .append(")\n  shrunk in ")
          .append(steps)
          .append(" steps to:");
      append(b, names, shrunk);
      b.append("\n  first failing:");
      append(b, names, first);
      b.append("\n  it threw: ").append(cause);
      return b.toString();
    }

    private static void append(StringBuilder b, List<String> names, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        b.append("\n    ")
            .append(i < names.size() ? names.get(i) : "#" + (i + 1))
            .append(" = ")
            .append(values.get(i));
      }
    }
  }

  static final int MAX_SHRINK_CALLS = 2_000;

  /** The runs of choices shrinking tries to delete; 3 is a list element with its flag. */
  private static final int[] BLOCKS = {8, 4, 3, 2, 1};

  static final long MAX_SHRINK_NANOS = 30_000_000_000L;
  private static final int MAX_TEXT = 400;

  private final List<Gen<?>> gens;
  private final Body body;

  Runner(List<Gen<?>> gens, Body body) {
    this.gens = List.copyOf(gens);
    this.body = body;
  }

  /** Runs {@code tries} tries drawn from {@code seed}: the first failure, shrunk, or empty. */
  Optional<Failure> check(int tries, long seed) {
    return check(tries, seed, true);
  }

  /** As {@link #check(int, long)}, the failure shrunk only if {@code shrink}. */
  Optional<Failure> check(int tries, long seed, boolean shrink) {
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int t = 1; t <= tries; t++) {
      Choices in = Choices.drawn(seeds.nextLong());
      Object[] args = generate(in);
      List<String> text = text(args);
      Optional<Throwable> failed = run(args);
      if (failed.isPresent()) {
        return Optional.of(
            shrink
                ? shrink(t, tries, seed, in.made(), text, failed.get())
                : new Failure(t, tries, seed, text, text, 0, failed.get()));
      }
    }
    return Optional.empty();
  }

  private Object[] generate(Choices in) {
    Object[] args = new Object[gens.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = gens.get(i).next(in);
    }
    return args;
  }

  private Optional<Throwable> run(Object[] args) {
    try {
      body.run(args);
      return Optional.empty();
    } catch (TestAbortedException e) {
      return Optional.empty();
    } catch (Throwable e) {
      return Optional.of(e);
    }
  }

  private Failure shrink(
      int attempt, int tries, long seed, long[] choices, List<String> first, Throwable cause) {
    Shrinking s = new Shrinking(choices, first, cause);
    boolean progress = true;
    while (progress && s.budgetLeft()) {
      progress = false;
      for (int k : BLOCKS) {
        for (int i = s.best.length - k; i >= 0 && s.budgetLeft(); i--) {
          if (i + k <= s.best.length && s.attempt(without(s.best, i, k))) {
            progress = true;
          }
        }
      }
      for (int i = 0; i < s.best.length && s.budgetLeft(); i++) {
        if (s.best[i] == 0) {
          continue;
        }
        if (s.attempt(with(s.best, i, 0))) {
          progress = true;
          continue;
        }
        // The value at i fails and 0 does not: halve the gap between them.
        long lo = 0;
        long hi = s.best[i];
        while (Long.compareUnsigned(hi - lo, 1) > 0 && s.budgetLeft() && i < s.best.length) {
          long mid = lo + ((hi - lo) >>> 1);
          if (s.attempt(with(s.best, i, mid))) {
            hi = mid;
            progress = true;
          } else {
            lo = mid;
          }
        }
      }
    }
    return new Failure(attempt, tries, seed, first, s.text, s.steps, s.cause);
  }

  /** The best failing case so far and the budget left. */
  private final class Shrinking {
    long[] best;
    List<String> text;
    Throwable cause;
    int steps;
    private final Class<?> kind;
    private int calls;
    private final long deadline = System.nanoTime() + MAX_SHRINK_NANOS;

    Shrinking(long[] best, List<String> text, Throwable cause) {
      this.best = best;
      this.text = text;
      this.cause = cause;
      this.kind = cause.getClass();
    }

    boolean budgetLeft() {
      return calls < MAX_SHRINK_CALLS && System.nanoTime() < deadline;
    }

    /** Replays {@code candidate}; keeps it if it fails alike and is smaller. */
    boolean attempt(long[] candidate) {
      calls++;
      Choices in = Choices.replaying(candidate);
      Object[] args;
      try {
        args = generate(in);
      } catch (RuntimeException e) {
        return false; // these choices make no value (a filter refusing every one)
      }
      long[] used = in.made();
      if (!smaller(used, best)) {
        return false;
      }
      List<String> described = text(args);
      Optional<Throwable> failed = run(args);
      if (failed.isEmpty() || failed.get().getClass() != kind) {
        return false;
      }
      best = used;
      text = described;
      cause = failed.get();
      steps++;
      return true;
    }
  }

  /** Shorter, or as long and lower (unsigned) at the first difference. */
  static boolean smaller(long[] a, long[] b) {
    if (a.length != b.length) {
      return a.length < b.length;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Long.compareUnsigned(a[i], b[i]) < 0;
      }
    }
    return false;
  }

  private static long[] without(long[] a, int from, int k) {
    long[] out = new long[a.length - k];
    System.arraycopy(a, 0, out, 0, from);
    System.arraycopy(a, from + k, out, from, a.length - from - k);
    return out;
  }

  private static long[] with(long[] a, int i, long v) {
    long[] out = a.clone();
    out[i] = v;
    return out;
  }

  /** Each argument as text, cut at {@value #MAX_TEXT} characters. */
  static List<String> text(Object[] args) {
    List<String> out = new ArrayList<>(args.length);
    for (Object a : args) {
      String s;
      if (a == null) {
        s = "null";
      } else if (a.getClass().isArray()) {
        Object[] boxed = new Object[Array.getLength(a)];
        for (int i = 0; i < boxed.length; i++) {
          boxed[i] = Array.get(a, i);
        }
        s = Arrays.deepToString(boxed);
      } else if (a instanceof String str) {
        s = quoted(str);
      } else {
        s = String.valueOf(a);
      }
      out.add(
          s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "… (" + s.length() + " chars)" : s);
    }
    return out;
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        b.append(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.append('"').toString();
  }
}
