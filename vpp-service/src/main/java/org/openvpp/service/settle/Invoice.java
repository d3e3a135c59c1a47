package org.openvpp.service.settle;

import java.time.YearMonth;
import java.util.List;
import org.openvpp.settle.LineKind;
import org.openvpp.units.Money;

/**
 * What the buyer of the programs' service owes for a month: each posting to its receivable (events'
 * energy, capacity payments), and the total.
 *
 * @param buyer who pays
 * @param month the month
 * @param lines each amount owed, by the transaction that posted it
 * @param total the sum
 */
public record Invoice(String buyer, YearMonth month, List<Line> lines, Money total) {
  public Invoice {
    lines = List.copyOf(lines);
  }

  /** One amount owed. */
  public record Line(String transactionId, LineKind kind, String reference, Money amount) {}
}
