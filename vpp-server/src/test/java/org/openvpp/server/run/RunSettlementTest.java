package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.units.Money;

/** The run's event settled from each site's meter. */
class RunSettlementTest {
  private static final Scenario SMALL = FleetRunTest.SUMMER.withHomes(40);
  private static final RunReport REPORT = FleetRunTest.run(SMALL, 3);

  @Test
  void everyBatteryHomeIsEnrolledAndItsMeterGivesWhatTheBatteriesDelivered() {
    RunSettlement.Result s = REPORT.settlement();
    assertThat(s.participants()).isEqualTo(REPORT.dispatchedDevices());
    assertThat(s.enrolment().enrolled()).isEqualTo(s.participants());
    assertThat(s.enrolment().refused() + s.enrolment().waiting() + s.unmeasured()).isZero();
    assertThat(s.statements()).hasSize(s.participants());
    // only the batteries are commanded, so each site's meter differs from its counterfactual by
    // its battery alone: the sites' delivery is the batteries' delivery (to a watt-hour: the
    // meters sum the same energy in a different order)
    assertThat(s.group().delivered().kilowattHours())
        .isCloseTo(REPORT.performance().delivered().kilowattHours(), within(1e-3));
    assertThat(s.group().committed().kilowattHours())
        .isCloseTo(REPORT.performance().committed().kilowattHours(), within(1e-6));
  }

  @Test
  void theLedgerBalancesAndTheProgramsEconomicsFollowFromItsTerms() {
    RunSettlement.Result s = REPORT.settlement();
    assertThat(s.ledgerTotal().isZero()).isTrue();
    Money revenue =
        new Money(
            new BigDecimal("2.50")
                .multiply(BigDecimal.valueOf(s.group().delivered().kilowattHours()))
                .setScale(2, RoundingMode.HALF_EVEN),
            Money.USD);
    assertThat(s.economics().revenue()).isEqualTo(revenue);
    assertThat(s.economics().payouts()).isEqualTo(s.paid());
    assertThat(s.economics().net()).isEqualTo(revenue.minus(s.paid()));
    // 2.00 USD per kWh: each participant earns its site's delivered energy, in whole Wh, at
    // 2.00 USD/kWh rounded half-even to the cent (nothing for a site that delivered nothing), and
    // what was paid is the sum of those, to the cent
    Money sum = Money.zero(Money.USD);
    for (var st : s.statements()) {
      double kwh = st.events().getFirst().delivered().kilowattHours();
      BigDecimal cents =
          kwh <= 0
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(Math.rint(kwh * 1000))
                  .multiply(new BigDecimal("2.00"))
                  .divide(BigDecimal.valueOf(1000), 2, RoundingMode.HALF_EVEN);
      assertThat(st.earned()).as(st.customerId()).isEqualTo(new Money(cents, Money.USD));
      sum = sum.plus(st.earned());
    }
    assertThat(s.paid()).isEqualTo(sum).matches(m -> m.signum() > 0, "positive");
    assertThat(s.lowest()).isLessThanOrEqualTo(s.median());
    assertThat(s.median()).isLessThanOrEqualTo(s.highest());
    assertThat(s.top().earned()).isEqualTo(s.highest());
    assertThat(s.accreditation().accredited()).isLessThanOrEqualTo(s.accreditation().available());
    assertThat(s.accreditation().ratio())
        .isCloseTo(
            Math.min(1, s.group().deliveredPower().watts() / s.accreditation().available().watts()),
            within(1e-12));
  }

  @Test
  void theSummaryHasTheSettlementLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport.print(REPORT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("  enrolment         ")
        .contains("  event devices     ")
        .contains("  settlement        ")
        .contains("  ledger            ")
        .contains("the ledger sums to 0.00 USD")
        .contains("  earnings          per participant")
        .contains("  accreditation     byo-battery: enrolled");
  }
}
