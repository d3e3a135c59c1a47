package org.openvpp.settle;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits an amount of whole minor units over shares by weight so that the parts add up exactly: the
 * largest-remainder (Hamilton) method. Each part is the floor of its exact share, and the units
 * left over go one each to the largest remainders, ties to the lower index. Every part is then
 * within one minor unit of its exact share and the parts sum to the whole.
 *
 * <p>Works on primitive arrays so a fleet's split is one sort of a {@code long[]}.
 */
public final class Allocation {
  private Allocation() {}

  /**
   * Splits {@code total} by {@code weights}.
   *
   * @param total the amount to split, in minor units, not negative
   * @param weights the weights, not negative; if all are zero every part is zero and {@code total}
   *     must be zero
   * @return the parts, one per weight
   */
  public static long[] split(long total, long[] weights) {
    if (total < 0) {
      throw new IllegalArgumentException("cannot split a negative amount, " + total);
    }
    long sum = 0;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("weights must not be negative, got " + w);
      }
      sum = Math.addExact(sum, w);
    }
    long[] parts = new long[weights.length];
    if (sum == 0) {
      if (total != 0) {
        throw new IllegalArgumentException(
            "cannot split " + total + " over weights that are all zero");
      }
      return parts;
    }
    long[] rem = new long[weights.length];
    long given = 0;
    BigInteger bigTotal = BigInteger.valueOf(total);
    BigInteger bigSum = BigInteger.valueOf(sum);
    for (int i = 0; i < weights.length; i++) {
      long hi = Math.multiplyHigh(total, weights[i]);
      long lo = total * weights[i];
      if (hi == 0 && lo >= 0) {
        parts[i] = lo / sum;
        rem[i] = lo % sum;
      } else {
        BigInteger[] qr =
            bigTotal.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(bigSum);
        parts[i] = qr[0].longValueExact();
        rem[i] = qr[1].longValueExact();
      }
      given += parts[i];
    }
    int left = Math.toIntExact(total - given);
    if (left > 0) {
      if (weights.length < 4096) {
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : a - b);
        for (int k = 0; k < left; k++) {
          parts[order[k]]++;
        }
      } else {
        giveLeftoversLarge(parts, rem, left);
      }
    }
    return parts;
  }

  /**
   * The same order as the small path without boxing: remainders are below {@code sum}; when they
   * and the index fit one {@code long} key (remainder high, inverted index low) a primitive sort
   * gives largest remainder first, lowest index among ties.
   */
  private static void giveLeftoversLarge(long[] parts, long[] rem, int left) {
    int n = parts.length;
    int indexBits = 64 - Long.numberOfLeadingZeros(n);
    long maxRem = 0;
    for (long r : rem) {
      maxRem = Math.max(maxRem, r);
    }
    int remBits = 64 - Long.numberOfLeadingZeros(maxRem);
    if (remBits + indexBits > 63) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : a - b);
      for (int k = 0; k < left; k++) {
        parts[order[k]]++;
      }
      return;
    }
    long mask = (1L << indexBits) - 1;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      // ascending sort of (maxRem - rem, index) = descending remainder, ascending index
      keys[i] = ((maxRem - rem[i]) << indexBits) | i;
    }
    Arrays.parallelSort(keys);
    for (int k = 0; k < left; k++) {
      parts[(int) (keys[k] & mask)]++;
    }
  }
}
