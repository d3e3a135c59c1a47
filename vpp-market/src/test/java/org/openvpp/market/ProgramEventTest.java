package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class ProgramEventTest {
  private static final MarketRules SPP = MarketRules.SPP_DAY_AHEAD;
  private static final LocalDate FIRST = LocalDate.of(2022, 3, 1);
  private static final LocalDate DAY = FIRST.plusDays(4);

  /**
   * By hand, two hours, a lossless fleet holding 500 of its 1,000 kWh, 500 kW each way, no wear.
   * Hour 0 pays $100/MWh, hour 1 $20; an event asks 500 kW in hour 1 at $50/MWh. Without it the
   * fleet sells its 500 kWh in hour 0 ($50); with it, the energy is kept for the event, which pays
   * $25, and nothing is left for the up reserve in hour 1.
   */
  @Test
  void anEventsEnergyIsKeptForItBeforeAnythingIsSold() {
    CoOptimiser.Fleet fleet = new CoOptimiser.Fleet(500, 0, 1000, 0, 500, 500, 1, 1);
    double[] energy = {100, 20};
    double[] up = {0, 5};
    double[] down = {0, 0};

    CoOptimiser.Plan without = CoOptimiser.plan(fleet, energy, up, down, 0);
    CoOptimiser.Plan with =
        CoOptimiser.plan(fleet, energy, up, down, 0, new double[] {0, 500}, new double[] {0, 50});

    assertThat(without.saleKw(0)).isCloseTo(500, within(1e-6));
    assertThat(without.value()).isCloseTo(50, within(1e-6));
    assertThat(with.saleKw(0)).isCloseTo(0, within(1e-6));
    assertThat(with.saleKw(1)).isCloseTo(0, within(1e-6));
    assertThat(with.eventKw(1)).isCloseTo(500, within(1e-6));
    assertThat(with.upKw(1)).isCloseTo(0, within(1e-6));
    assertThat(with.value()).isCloseTo(25, within(1e-6));
  }

  /**
   * An event beyond the fleet's power: it delivers all it can (500 of 800 kW) and the plan's value
   * counts the event's pay for what is delivered, not the shortfall's planning cost.
   */
  @Test
  void anEventBeyondTheFleetGetsAllItCan() {
    CoOptimiser.Plan plan =
        CoOptimiser.plan(
            new CoOptimiser.Fleet(1000, 0, 1000, 0, 500, 500, 1, 1),
            new double[] {30},
            new double[] {0},
            new double[] {0},
            0,
            new double[] {800},
            new double[] {50});

    assertThat(plan.eventKw(0)).isCloseTo(500, within(1e-6));
    assertThat(plan.saleKw(0)).isCloseTo(0, within(1e-6));
    assertThat(plan.value()).isCloseTo(25, within(1e-6));
  }

  /**
   * 100 batteries of 10 kWh (floor 2), 5 kW, full; energy at $10/MWh but $100 at 18:00 on every day
   * known. An event of 400 kW at 18:00 notified before the deadline is planned with the bid: the
   * market is offered at most the 100 kW the event leaves of the fleet's 500. The same event
   * notified after the deadline is not seen: the bid is the one without it.
   */
  @Test
  void anEventNotifiedByTheDeadlineShrinksTheBidAndOneNotifiedLaterIsNotSeen() {
    BatteryFleet fleet = new BatteryFleet(100);
    for (int i = 0; i < 100; i++) {
      fleet.set(i, 10, 2, 5, 5, 0.95, 0.95, 10, 2);
    }
    ArbitrageBidder bidder =
        new ArbitrageBidder(
            SPP,
            new ArbitrageBidder.Settings(
                new RecentMedian(3),
                1,
                EnergyPrice.perMegawattHour(Money.usd("1")),
                0.9,
                0,
                0,
                false));
    List<BigDecimal> prices = new ArrayList<>();
    for (int k = 0; k < 24 * 6; k++) {
      prices.add(BigDecimal.valueOf(k % 24 == 18 ? 100 : 10));
    }
    HourlyPrices energy = HourlyPrices.of(SPP, FIRST, prices);
    Instant deadline = SPP.deadline(DAY);
    ProgramEvent early = event(deadline.minusSeconds(3_600));
    ProgramEvent late = event(deadline.plusSeconds(60));

    PlannedBid none =
        bidder.plan(DAY, deadline, energy.knownAt(deadline), Map.of(), List.of(), fleet, 1.0);
    PlannedBid planned =
        bidder.plan(DAY, deadline, energy.knownAt(deadline), Map.of(), List.of(early), fleet, 1.0);
    PlannedBid unseen =
        bidder.plan(DAY, deadline, energy.knownAt(deadline), Map.of(), List.of(late), fleet, 1.0);

    assertThat(none.bid().hours().get(18).mostSold().kilowatts()).isCloseTo(500, within(1e-6));
    assertThat(planned.bid().hours().get(18).mostSold().kilowatts())
        .isLessThanOrEqualTo(100 + 1e-6);
    assertThat(unseen.bid()).isEqualTo(none.bid());
  }

  @Test
  void anEventsFileIsReadAndEveryMalformedLineRefusedNamingItsField(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("events.csv");
    Files.writeString(
        file,
        """
        program,day,start,end,kw,usd_per_kwh,notified
        elrp,2019-08-15,16:00,21:00,500,2.00,2019-08-14T16:00:00Z
        peak,2019-08-16,23:00,24:00,250.5,0.5,2019-08-15T16:00:00Z
        """);
    List<ProgramEvent> events = ProgramEvent.read(file);
    assertThat(events).hasSize(2);
    ProgramEvent e = events.getFirst();
    assertThat(e.from()).isEqualTo(16);
    assertThat(e.to()).isEqualTo(21);
    assertThat(e.pays()).isEqualTo(EnergyPrice.perMegawattHour(Money.usd("2000.00")));
    assertThat(events.get(1).to()).isEqualTo(24);
    assertThat(ProgramEvent.committedKw(events, LocalDate.of(2019, 8, 15))[20]).isEqualTo(500);
    assertThat(ProgramEvent.committedKw(events, LocalDate.of(2019, 8, 15))[21]).isZero();

    String header = "program,day,start,end,kw,usd_per_kwh,notified\n";
    assertRefused(dir, "day,start\n", "line 1: the header must be " + header.strip());
    assertRefused(dir, header + "x,2019-08-15,16:00,21:00,500,2\n", "line 2: 6 fields");
    assertRefused(
        dir,
        header + "x,2019-08-32,16:00,21:00,500,2,2019-08-14T16:00:00Z\n",
        "line 2: day: cannot read '2019-08-32'");
    assertRefused(
        dir,
        header + "x,2019-08-15,16:30,21:00,500,2,2019-08-14T16:00:00Z\n",
        "line 2: start: events start and end on the hour, was 16:30");
    assertRefused(
        dir,
        header + "x,2019-08-15,16:00,21:00,lots,2,2019-08-14T16:00:00Z\n",
        "line 2: kw: not a number in 0..1,000,000,000, was 'lots'");
    assertRefused(
        dir,
        header + "x,2019-08-15,16:00,21:00,500,-2,2019-08-14T16:00:00Z\n",
        "line 2: usd_per_kwh: not a number in 0..1,000,000,000, was '-2'");
    assertRefused(
        dir,
        header + "x,2019-08-15,21:00,16:00,500,2,2019-08-14T16:00:00Z\n",
        "line 2: an event runs from an hour 0..23 to a later one up to 24, was 21..16");
    assertRefused(
        dir,
        header + "x,2019-08-15,16:00,21:00,500,2,yesterday\n",
        "line 2: notified: cannot read 'yesterday'");
  }

  private static void assertRefused(Path dir, String text, String message) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, text);
    assertThatThrownBy(() -> ProgramEvent.read(file)).hasMessageContaining(file + " " + message);
  }

  private static ProgramEvent event(Instant notified) {
    return new ProgramEvent(
        "peak",
        DAY,
        18,
        19,
        Power.ofKilowatts(400),
        EnergyPrice.perMegawattHour(Money.usd("50")),
        notified);
  }
}
