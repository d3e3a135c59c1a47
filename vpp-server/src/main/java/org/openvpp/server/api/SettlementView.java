package org.openvpp.server.api;

import java.util.List;
import java.util.Objects;
import org.openvpp.server.run.RunSettlement;
import org.openvpp.settle.Statement;

/**
 * The run's event as settled, for the API: made once, when the run has ended, from {@link
 * RunSettlement.Result}; immutable.
 *
 * @param eventId the event settled
 * @param participants sites measured
 * @param earning sites that earned
 * @param deliveredKwh what the participants delivered, against their counterfactual meters
 * @param committedKwh what was committed
 * @param paidUsd what the participants were paid, in all
 * @param ledgerTotalUsd the sum of every posting (zero when the books balance)
 * @param statements every measured participant's statement
 */
public record SettlementView(
    String eventId,
    int participants,
    int earning,
    double deliveredKwh,
    double committedKwh,
    String paidUsd,
    String ledgerTotalUsd,
    List<Statement> statements) {

  public SettlementView {
    Objects.requireNonNull(eventId, "eventId");
    statements = List.copyOf(statements);
  }

  /** The view of a finished run's settlement. */
  public static SettlementView of(String eventId, RunSettlement.Result r) {
    return new SettlementView(
        eventId,
        r.participants(),
        r.earning(),
        r.group().delivered().kilowattHours(),
        r.group().committed().kilowattHours(),
        usd(r.paid()),
        usd(r.ledgerTotal()),
        r.statements());
  }

  /** An amount in dollars and cents, always two decimals ("0.00", not "0"). */
  private static String usd(org.openvpp.units.Money m) {
    return m.amount().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }
}
