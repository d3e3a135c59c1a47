package org.openvpp.market;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.settle.Account;
import org.openvpp.settle.Allocation;
import org.openvpp.settle.BatchTransaction;
import org.openvpp.settle.LineKind;
import org.openvpp.units.Money;

/**
 * What the hosts of a fleet's batteries are paid of a period's market revenue: the program's
 * revenue share of the period's net (nothing when the net is not positive), rounded half-even to
 * the cent, split over the hosts by weight (the hours each battery was online) with the largest
 * remainder, so the parts add up to the pool exactly; posted as one batch, each host's participant
 * account credited, the program's incentive expense debited.
 */
public final class HostShare {
  private HostShare() {}

  /**
   * The period's payout, or empty when there is nothing to pay.
   *
   * @param id the transaction's id
   * @param program the program paying
   * @param hosts the hosts' ids, sorted ascending and distinct
   * @param weights each host's weight, not negative
   * @param net the period's net market revenue
   * @param share the revenue share, in [0, 1]
   */
  public static Optional<BatchTransaction> payout(
      String id,
      Instant at,
      String program,
      String[] hosts,
      long[] weights,
      Money net,
      double share) {
    Objects.requireNonNull(net, "net");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("a revenue share is in [0, 1], was " + share);
    }
    if (hosts.length != weights.length) {
      throw new IllegalArgumentException(
          hosts.length + " hosts and " + weights.length + " weights");
    }
    long pool =
        net.times(java.math.BigDecimal.valueOf(share))
            .rounded()
            .amount()
            .movePointRight(Math.max(0, net.currency().getDefaultFractionDigits()))
            .longValueExact();
    if (pool <= 0 || Arrays.stream(weights).sum() <= 0) {
      return Optional.empty();
    }
    long[] parts = Allocation.split(pool, weights);
    long[] credit = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      credit[i] = -parts[i];
    }
    return Optional.of(
        new BatchTransaction(
            id,
            at,
            "hosts' revenue share",
            net.currency(),
            LineKind.REVENUE_SHARE,
            id,
            Account.Kind.PARTICIPANT,
            hosts,
            credit,
            Account.expense(program),
            Optional.empty()));
  }
}
