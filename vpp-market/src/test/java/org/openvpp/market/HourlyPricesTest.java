package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HourlyPricesTest {
  private static final LocalDate JAN1 = LocalDate.of(2019, 1, 1);

  @Test
  void aPriceFileIsReadExactly() throws IOException {
    HourlyPrices p = column("31.56567\n".repeat(23) + "-12.5\n" + "40\n".repeat(24));

    assertThat(p.days()).isEqualTo(2);
    assertThat(p.price(JAN1, 23).perMegawattHour().amount()).isEqualByComparingTo("-12.5");
    assertThat(p.price(JAN1, 0).perMegawattHour().amount()).isEqualByComparingTo("31.56567");
    assertThat(p.last()).isEqualTo(LocalDate.of(2019, 1, 2));
  }

  @Test
  void aValueThatIsNotAPriceIsRefusedWithItsLine() {
    assertThatThrownBy(() -> column("30\n30\nabc\n" + "30\n".repeat(21)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prices.csv line 3: price: not a price in $/MWh, was 'abc'");
  }

  @Test
  void aBlankLineIsRefusedBecauseItWouldShiftEveryHourAfterIt() {
    assertThatThrownBy(() -> column("30\n\n" + "30\n".repeat(22)))
        .hasMessage("prices.csv line 2: price: not a price in $/MWh, was ''");
  }

  @Test
  void aFileOfPartDaysIsRefused() {
    assertThatThrownBy(() -> column("30\n".repeat(30)))
        .hasMessage("prices.csv: 30 prices are not whole days of 24 hours");
  }

  @Test
  void sppsExportIsReadForTheMarketsNodeOnly() throws IOException {
    StringBuilder csv = new StringBuilder("interval_end_local,interval_end_utc,location,lmp,mlc\n");
    for (int h = 1; h <= 24; h++) {
      String end = h == 24 ? "02/02/2022 00:00:00" : String.format("02/01/2022 %02d:00:00", h);
      csv.append(end).append(",x,SPPNORTH_HUB,").append(h).append(".5,0\n");
      csv.append(end).append(",x,SPPSOUTH_HUB,999,0\n");
    }

    HourlyPrices p = spp(csv.toString());

    assertThat(p.first()).isEqualTo(LocalDate.of(2022, 2, 1));
    assertThat(p.days()).isEqualTo(1);
    assertThat(p.perMwh(LocalDate.of(2022, 2, 1), 0)).isEqualTo(1.5);
    assertThat(p.perMwh(LocalDate.of(2022, 2, 1), 23)).isEqualTo(24.5);
  }

  @Test
  void sppsExportWithAMissingHourIsRefusedNamingTheLine() {
    String csv =
        """
        interval_end_local,interval_end_utc,location,lmp
        02/01/2022 01:00:00,x,SPPNORTH_HUB,3
        02/01/2022 03:00:00,x,SPPNORTH_HUB,3
        """;

    assertThatThrownBy(() -> spp(csv))
        .hasMessage(
            "spp.csv line 3: interval_end_local: expected the hour ending 02/01/2022 02:00:00 for"
                + " SPPNORTH_HUB, was 02/01/2022 03:00:00");
  }

  @Test
  void sppsExportWithABadPriceOrTimeIsRefusedNamingTheLineAndField() {
    String header = "interval_end_local,interval_end_utc,location,lmp\n";
    assertThatThrownBy(() -> spp(header + "02/01/2022 01:00:00,x,SPPNORTH_HUB,n/a\n"))
        .hasMessage("spp.csv line 2: lmp: not a price in $/MWh, was 'n/a'");
    assertThatThrownBy(() -> spp(header + "2022-02-01 01:00,x,SPPNORTH_HUB,3\n"))
        .hasMessage(
            "spp.csv line 2: interval_end_local: not a time MM/dd/yyyy HH:mm:ss, was"
                + " '2022-02-01 01:00'");
    assertThatThrownBy(() -> spp(header + "02/01/2022 01:00:00,x,SPPNORTH_HUB\n"))
        .hasMessage("spp.csv line 2: 3 fields, the header has 4");
    assertThatThrownBy(() -> spp("time,node,price\n"))
        .hasMessageStartingWith("spp.csv line 1: the header must name interval_end_local");
  }

  @Test
  void aBidderSeesOnlyTheDaysPublishedByTheMoment() throws IOException {
    HourlyPrices p = column("30\n".repeat(24 * 5));
    LocalDate jan4 = LocalDate.of(2019, 1, 4);

    KnownPrices atDeadline = p.knownAt(MarketRules.CAISO_DAY_AHEAD.deadline(jan4));
    KnownPrices atPublication = p.knownAt(MarketRules.CAISO_DAY_AHEAD.published(jan4));

    assertThat(atDeadline.end()).isEqualTo(jan4);
    assertThat(atDeadline.hourly()).hasSize(24 * 3);
    assertThat(atPublication.end()).isEqualTo(jan4.plusDays(1));
  }

  private static HourlyPrices column(String text) throws IOException {
    return HourlyPrices.readColumn(
        MarketRules.CAISO_DAY_AHEAD,
        JAN1,
        new BufferedReader(new StringReader(text)),
        "prices.csv");
  }

  private static HourlyPrices spp(String text) throws IOException {
    return HourlyPrices.readSpp(
        MarketRules.SPP_DAY_AHEAD, new BufferedReader(new StringReader(text)), "spp.csv");
  }
}
