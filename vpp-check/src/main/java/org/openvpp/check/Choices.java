package org.openvpp.check;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The source of every random decision a generator makes during one try, recorded.
 *
 * <p><b>Design note.</b> Generators never see a random number generator: they ask this object for
 * choices ({@link #atMost}: a whole number between 0 and a bound), and it either draws them from a
 * seeded generator (a fresh try) or replays a given sequence (a shrinking step). Every choice is
 * recorded, so a failing try is the sequence of its choices. Shrinking then works on that sequence
 * alone, whatever the generators built from it: it deletes runs of choices and lowers single ones,
 * replays, and keeps a candidate when the property still fails the same way and the sequence is
 * smaller (shorter, or as long and lower at its first difference), so it always ends. Generators
 * are written so that a lower choice means a simpler value (0 is the simplest: a range's value
 * nearest zero, the shortest list, the first of a set), which makes the smallest failing sequence a
 * simple case; a generator that draws its values another way (numbers favouring a range's edges)
 * records the simple form of what it drew ({@link #atMost(long, long)}), and always builds its
 * value from what it recorded, so a replay gives the same value. On replay a choice above its bound
 * is taken as the bound, and choices past the end of the sequence are 0. (The idea is Hypothesis's:
 * shrink the choices, not the values.)
 */
public final class Choices {
  private final long[] replay;
  private final boolean replaying;
  private final SplittableRandom random;
  private long[] made = new long[16];
  private int count;

  private Choices(long[] replay, boolean replaying, SplittableRandom random) {
    this.replay = replay;
    this.replaying = replaying;
    this.random = random;
  }

  /** Fresh choices from {@code seed}. */
  public static Choices drawn(long seed) {
    return new Choices(new long[0], false, new SplittableRandom(seed));
  }

  /** The choices {@code sequence}, then zeros. */
  public static Choices replaying(long[] sequence) {
    return new Choices(sequence.clone(), true, new SplittableRandom(0));
  }

  /**
   * A whole number from 0 to {@code bound} (both included; {@code bound} is read as unsigned, so
   * {@code -1} means any 64 bits), drawn evenly or replayed.
   */
  public long atMost(long bound) {
    return record(replaying ? replayed(bound) : draw(bound));
  }

  /**
   * A whole number from 0 to {@code bound}: {@code ifDrawn} on a fresh try (the generator drew it
   * its own way, with {@link #random}), else the replayed one. Generators whose values are not
   * spread evenly record them this way, so that what they record is what makes them simple.
   */
  public long atMost(long bound, long ifDrawn) {
    if (replaying) {
      return record(replayed(bound));
    }
    if (Long.compareUnsigned(ifDrawn, bound) > 0) {
      throw new IllegalArgumentException(ifDrawn + " is above the bound " + bound);
    }
    return record(ifDrawn);
  }

  /**
   * Whether these choices are drawn fresh (not replayed): only then may {@link #random} be used.
   */
  public boolean drawing() {
    return !replaying;
  }

  /**
   * A whole number from 0 to {@code bound}, drawn and not recorded (see {@link #atMost(long,
   * long)}).
   */
  public long random(long bound) {
    if (replaying) {
      throw new IllegalStateException("replayed choices have no randomness: record what you draw");
    }
    return draw(bound);
  }

  private long replayed(long bound) {
    if (count >= replay.length) {
      return 0;
    }
    return Long.compareUnsigned(replay[count], bound) > 0 ? bound : replay[count];
  }

  private long draw(long bound) {
    if (bound == -1L) {
      return random.nextLong();
    }
    if (bound < 0) {
      // Above 2^63 - 1: draw 64 bits until one fits (at most two rounds on average).
      long v;
      do {
        v = random.nextLong();
      } while (Long.compareUnsigned(v, bound) > 0);
      return v;
    }
    return bound == Long.MAX_VALUE
        ? random.nextLong() & Long.MAX_VALUE
        : random.nextLong(bound + 1);
  }

  private long record(long v) {
    if (count == made.length) {
      made = Arrays.copyOf(made, count * 2);
    }
    made[count++] = v;
    return v;
  }

  /** A whole number from 0 to {@code bound - 1}. */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) atMost(bound - 1L);
  }

  /** The choices made so far. */
  long[] made() {
    return Arrays.copyOf(made, count);
  }
}
