package org.openvpp.finance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * An independent producer's battery project, as its project file says it (docs/finance.md): a fleet
 * of home batteries bought in year 0 and run for {@link #years} years. Every amount is in USD;
 * every rate is a fraction a year (0.07 for 7 %).
 *
 * <p>The constructors check what each value can be on its own and against the others, with messages
 * that name the project file's key; {@link ProjectFile} checks the same first, with the file's
 * line.
 *
 * @param years the project's life, 1 to 50 years
 * @param discountRate the rate NPVs are discounted at, a fraction a year
 * @param fleet what is bought
 * @param capital what it costs, in year 0
 * @param om operation and maintenance
 * @param degradationPerYear the share of nominal capacity lost each year (linear)
 * @param augmentation batteries added to restore the nominal capacity, if any
 * @param revenue what the fleet earns
 * @param host what the host customers are paid
 * @param debt the loan, if any
 * @param tax income tax, if any
 */
public record Project(
    int years,
    BigDecimal discountRate,
    Fleet fleet,
    Capital capital,
    OperatingCost om,
    BigDecimal degradationPerYear,
    Optional<Augmentation> augmentation,
    Revenue revenue,
    HostPayments host,
    Optional<Debt> debt,
    Optional<Tax> tax) {

  /** The longest project life accepted. */
  public static final int MAX_YEARS = 50;

  public Project {
    if (years < 1 || years > MAX_YEARS) {
      throw new IllegalArgumentException(
          "years must be between 1 and " + MAX_YEARS + ", was " + years);
    }
    fraction("discount_rate", discountRate);
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(capital, "capital");
    Objects.requireNonNull(om, "om");
    fraction("degradation.per_year", degradationPerYear);
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(debt, "debt");
    Objects.requireNonNull(tax, "tax");
    for (int y : augmentation.map(Augmentation::years).orElse(List.of())) {
      if (y > years) {
        throw new IllegalArgumentException(
            "augmentation.years: year " + y + " is after the project's last year, " + years);
      }
    }
    if (debt.isPresent() && debt.get().years() > years) {
      throw new IllegalArgumentException(
          "debt.years must be at most the project's years ("
              + years
              + "), was "
              + debt.get().years());
    }
  }

  /**
   * The fleet's revenue in year 1 at nominal capacity, when the project file gives one ({@code
   * revenue.per_battery_year} times the batteries).
   */
  public Optional<Money> nominalRevenue() {
    return revenue.perBatteryYear().map(m -> m.times(fleet.batteries()));
  }

  /**
   * The homes with their batteries. Sizes are exact decimals (not {@link Energy}'s double) because
   * they multiply prices into money to the cent.
   *
   * @param homes host homes, at least 1
   * @param batteriesPerHome batteries in each home, at least 1
   * @param batteryKwh nominal usable energy of one battery, kWh
   * @param batteryKw power of one battery, kW
   */
  public record Fleet(
      int homes, int batteriesPerHome, BigDecimal batteryKwh, BigDecimal batteryKw) {
    public Fleet {
      if (homes < 1) {
        throw new IllegalArgumentException("fleet.homes must be at least 1, was " + homes);
      }
      if (batteriesPerHome < 1) {
        throw new IllegalArgumentException(
            "fleet.batteries_per_home must be at least 1, was " + batteriesPerHome);
      }
      positive("fleet.battery_kwh", batteryKwh);
      positive("fleet.battery_kw", batteryKw);
    }

    public long batteries() {
      return (long) homes * batteriesPerHome;
    }

    /** The fleet's nominal energy, kWh. */
    public BigDecimal kwh() {
      return batteryKwh.multiply(BigDecimal.valueOf(batteries()));
    }

    /** The fleet's power, kW. */
    public BigDecimal kw() {
      return batteryKw.multiply(BigDecimal.valueOf(batteries()));
    }

    public Energy capacity() {
      return Energy.ofKilowattHours(kwh().doubleValue());
    }

    public Power power() {
      return Power.ofKilowatts(kw().doubleValue());
    }
  }

  /**
   * The investment in year 0.
   *
   * @param perKwh per kWh of nominal capacity
   * @param perKw per kW of power
   * @param installationPerHome per home
   * @param fixed once for the project (development, interconnection, software)
   */
  public record Capital(Money perKwh, Money perKw, Money installationPerHome, Money fixed) {
    public Capital {
      money("capital.per_kwh", perKwh);
      money("capital.per_kw", perKw);
      money("capital.installation_per_home", installationPerHome);
      money("capital.fixed", fixed);
    }

    /** The whole investment for {@code fleet}, exact. */
    public Money total(Fleet fleet) {
      return perKwh
          .times(fleet.kwh())
          .plus(perKw.times(fleet.kw()))
          .plus(installationPerHome.times(fleet.homes()))
          .plus(fixed);
    }
  }

  /**
   * Operation and maintenance.
   *
   * @param perHomeYear per home in year 1
   * @param escalation growth a year
   */
  public record OperatingCost(Money perHomeYear, BigDecimal escalation) {
    public OperatingCost {
      money("om.per_home_year", perHomeYear);
      fraction("om.escalation", escalation);
    }
  }

  /**
   * Batteries added at the start of the given years to bring the fleet back to its nominal
   * capacity; the kWh added cost {@code perKwh} each, in that year.
   *
   * @param years years 2 or later, ascending, each once
   * @param perKwh per kWh added
   */
  public record Augmentation(List<Integer> years, Money perKwh) {
    public Augmentation {
      years = List.copyOf(years);
      int last = 1;
      for (int y : years) {
        if (y <= last) {
          throw new IllegalArgumentException(
              "augmentation.years must be years from 2 on, ascending, each once; was " + years);
        }
        last = y;
      }
      money("augmentation.per_kwh", perKwh);
    }
  }

  /**
   * What the fleet earns at nominal capacity.
   *
   * @param perBatteryYear per battery in year 1, when the file gives it (otherwise {@code
   *     --revenue-usd})
   * @param escalation growth a year, −99 % to +100 %
   */
  public record Revenue(Optional<Money> perBatteryYear, BigDecimal escalation) {
    public Revenue {
      perBatteryYear.ifPresent(m -> money("revenue.per_battery_year", m));
      if (escalation.compareTo(new BigDecimal("-0.99")) < 0
          || escalation.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "revenue.escalation must be between -0.99 and 1, was " + escalation.toPlainString());
      }
    }
  }

  /** What the host customers are paid for having the batteries in their homes. */
  public sealed interface HostPayments permits Lease, RevenueShare {}

  /**
   * A fixed monthly payment per home, whatever the batteries earn.
   *
   * @param perHomeMonth per home and month in year 1 (for example 55 for a two-battery home)
   * @param escalation growth a year
   */
  public record Lease(Money perHomeMonth, BigDecimal escalation) implements HostPayments {
    public Lease {
      money("host.lease_per_home_month", perHomeMonth);
      fraction("host.lease_escalation", escalation);
    }
  }

  /**
   * A share of each year's revenue.
   *
   * @param share a fraction of revenue, 0 to 1
   */
  public record RevenueShare(BigDecimal share) implements HostPayments {
    public RevenueShare {
      fraction("host.revenue_share", share);
    }
  }

  /**
   * A loan for part of the investment, drawn in year 0 and repaid in level annual payments.
   *
   * @param share the part of the investment financed, 0 to 1
   * @param rate interest a year
   * @param years years of repayment, from year 1
   */
  public record Debt(BigDecimal share, BigDecimal rate, int years) {
    public Debt {
      fraction("debt.share", share);
      fraction("debt.rate", rate);
      if (years < 1 || years > MAX_YEARS) {
        throw new IllegalArgumentException(
            "debt.years must be between 1 and " + MAX_YEARS + ", was " + years);
      }
    }
  }

  /**
   * Income tax.
   *
   * @param rate on taxable income
   * @param depreciationYears straight-line depreciation of the investment from year 1
   * @param losses what a year's loss does
   * @param itc investment tax credit, a fraction of the investment, received in year 1; the
   *     depreciable basis is reduced by half of it
   */
  public record Tax(BigDecimal rate, int depreciationYears, Losses losses, BigDecimal itc) {
    public Tax {
      fraction("tax.rate", rate);
      if (depreciationYears < 1 || depreciationYears > MAX_YEARS) {
        throw new IllegalArgumentException(
            "tax.depreciation_years must be between 1 and "
                + MAX_YEARS
                + ", was "
                + depreciationYears);
      }
      Objects.requireNonNull(losses, "losses");
      fraction("tax.itc", itc);
    }
  }

  /** What a year's taxable loss does. */
  public enum Losses {
    /** Kept and set against later years' taxable income (the default). */
    CARRY_FORWARD("carry_forward"),
    /** Set against the owner's other income in the same year: a negative tax, a saving. */
    OFFSET("offset"),
    /** Nothing: no tax that year, and no later relief. */
    LOST("lost");

    private final String key;

    Losses(String key) {
      this.key = key;
    }

    /** The name in the project file. */
    public String key() {
      return key;
    }
  }

  private static void fraction(String field, BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          field + " must be between 0 and 1, was " + value.toPlainString());
    }
  }

  private static void positive(String field, BigDecimal value) {
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(
          field + " must be more than 0, was " + value.toPlainString());
    }
  }

  private static void money(String field, Money value) {
    if (!value.currency().equals(Money.USD)) {
      throw new IllegalArgumentException(field + " must be in USD, was " + value);
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
  }
}
