package org.openvpp.program;

import java.math.BigDecimal;
import java.util.Objects;
import org.openvpp.units.Money;

/**
 * What a program pays its participants, and what it charges them. Every amount is exact; any may be
 * zero. Rates per kW and per kWh may be finer than a cent (amounts are rounded per line); per-event
 * amounts, lease fees and lease credits are whole cents. See docs/settlement.md.
 *
 * @param perKwMonth paid each month per kW enrolled (capacity payment)
 * @param perKwh paid per kWh delivered in an event (negative delivery earns nothing)
 * @param perEvent paid per event a site took part in (targeted, not opted out, delivered > 0)
 * @param leaseFeeMonth charged each month per enrolment (leased batteries), for example 55 USD for
 *     two batteries
 * @param leaseCreditPerEvent credited against the lease fee per event taken part in; a month's
 *     credits never exceed that month's fee
 * @param revenueShare the fraction, in [0, 1], of the utility's or market's revenue for an event
 *     passed to participants, split by delivered kWh
 */
public record Incentives(
    Money perKwMonth,
    Money perKwh,
    Money perEvent,
    Money leaseFeeMonth,
    Money leaseCreditPerEvent,
    BigDecimal revenueShare) {

  public Incentives {
    Objects.requireNonNull(perKwMonth, "perKwMonth");
    Objects.requireNonNull(perKwh, "perKwh");
    Objects.requireNonNull(perEvent, "perEvent");
    Objects.requireNonNull(leaseFeeMonth, "leaseFeeMonth");
    Objects.requireNonNull(leaseCreditPerEvent, "leaseCreditPerEvent");
    Objects.requireNonNull(revenueShare, "revenueShare");
    for (Money m : new Money[] {perKwMonth, perKwh, perEvent, leaseFeeMonth, leaseCreditPerEvent}) {
      if (m.signum() < 0) {
        throw new IllegalArgumentException("incentive amounts must not be negative, was " + m);
      }
      if (!m.currency().equals(perKwh.currency())) {
        throw new IllegalArgumentException("incentives must be in one currency, got " + m);
      }
    }
    int digits = Math.max(0, perKwh.currency().getDefaultFractionDigits());
    for (Money m : new Money[] {perEvent, leaseFeeMonth, leaseCreditPerEvent}) {
      if (m.amount().scale() > digits) {
        throw new IllegalArgumentException(
            "per-event amounts and lease fees and credits are paid as they are, so they must be"
                + " whole minor units (cents); was "
                + m);
      }
    }
    if (revenueShare.signum() < 0 || revenueShare.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "revenueShare must be within [0, 1], was " + revenueShare.toPlainString());
    }
  }

  /** No incentives in {@code currency}. */
  public static Incentives none(java.util.Currency currency) {
    Money z = Money.zero(currency);
    return new Incentives(z, z, z, z, z, BigDecimal.ZERO);
  }

  public Incentives withPerKwMonth(Money m) {
    return new Incentives(m, perKwh, perEvent, leaseFeeMonth, leaseCreditPerEvent, revenueShare);
  }

  public Incentives withPerKwh(Money m) {
    return new Incentives(
        perKwMonth, m, perEvent, leaseFeeMonth, leaseCreditPerEvent, revenueShare);
  }

  public Incentives withPerEvent(Money m) {
    return new Incentives(perKwMonth, perKwh, m, leaseFeeMonth, leaseCreditPerEvent, revenueShare);
  }

  public Incentives withLease(Money feeMonth, Money creditPerEvent) {
    return new Incentives(perKwMonth, perKwh, perEvent, feeMonth, creditPerEvent, revenueShare);
  }

  public Incentives withRevenueShare(BigDecimal share) {
    return new Incentives(perKwMonth, perKwh, perEvent, leaseFeeMonth, leaseCreditPerEvent, share);
  }

  public java.util.Currency currency() {
    return perKwh.currency();
  }
}
