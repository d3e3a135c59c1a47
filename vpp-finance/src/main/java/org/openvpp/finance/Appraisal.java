package org.openvpp.finance;

import java.util.List;
import java.util.Objects;
import org.openvpp.units.Money;

/**
 * A project appraised: its cash flows and returns as its file says ({@link #base}), and again under
 * each of {@link Case#SENSITIVITIES}.
 *
 * @param project the project
 * @param nominalRevenue the fleet's revenue in year 1 at nominal capacity
 * @param base under {@link Case#BASE}
 * @param sensitivities under each of {@link Case#SENSITIVITIES}, in that order
 */
public record Appraisal(
    Project project, Money nominalRevenue, Outcome base, List<Outcome> sensitivities) {

  public Appraisal {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(nominalRevenue, "nominalRevenue");
    Objects.requireNonNull(base, "base");
    sensitivities = List.copyOf(sensitivities);
  }

  /**
   * Appraises {@code project} earning {@code nominalRevenue} in year 1 at nominal capacity (its
   * {@link Project#nominalRevenue()}, or a backtest's figure).
   */
  public static Appraisal of(Project project, Money nominalRevenue) {
    if (nominalRevenue.signum() < 0 || !nominalRevenue.currency().equals(Money.USD)) {
      throw new IllegalArgumentException(
          "the revenue must be an amount of USD of at least 0, was " + nominalRevenue);
    }
    Outcome base = CashFlowModel.run(project, nominalRevenue, Case.BASE);
    List<Outcome> cases =
        Case.SENSITIVITIES.stream()
            .map(c -> CashFlowModel.run(project, nominalRevenue, c))
            .toList();
    return new Appraisal(project, nominalRevenue, base, cases);
  }
}
