package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
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
    StringBuilder csv = new StringBuilder(HEADER);
    List<String> rows = rows(LocalDate.of(2022, 2, 1), 24);
    for (int h = 0; h < rows.size(); h++) {
      csv.append(rows.get(h)).append(",SPPNORTH_HUB,").append(h + 1).append(".5\n");
      csv.append(rows.get(h)).append(",SPPSOUTH_HUB,999\n");
    }

    HourlyPrices p = spp(csv.toString());

    assertThat(p.first()).isEqualTo(LocalDate.of(2022, 2, 1));
    assertThat(p.days()).isEqualTo(1);
    assertThat(p.perMwh(LocalDate.of(2022, 2, 1), 0)).isEqualTo(1.5);
    assertThat(p.perMwh(LocalDate.of(2022, 2, 1), 23)).isEqualTo(24.5);
  }

  /**
   * 13 March 2022 in Central time has 23 hours (SPP labels the hour from 01:00 CST "ending 03:00",
   * the new offset's label), 6 November 25: each keeps 24, the skipped hour at the price before,
   * the first of the repeated ones.
   */
  @Test
  void aDaylightSavingDayKeepsTwentyFourHoursPlacedByTheirUtcEnd() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    List<String> rows = rows(LocalDate.of(2022, 3, 13), 23);
    for (int h = 0; h < rows.size(); h++) {
      csv.append(rows.get(h)).append(",SPPNORTH_HUB,").append(h + 1).append('\n');
    }
    assertThat(rows.get(1)).startsWith("03/13/2022 03:00:00,03/13/2022 08:00:00");
    HourlyPrices spring = spp(csv.toString());
    assertThat(spring.days()).isEqualTo(1);
    assertThat(spring.perMwh(LocalDate.of(2022, 3, 13), 1)).isEqualTo(2.0);
    assertThat(spring.perMwh(LocalDate.of(2022, 3, 13), 2)).isEqualTo(2.0);
    assertThat(spring.perMwh(LocalDate.of(2022, 3, 13), 3)).isEqualTo(3.0);

    csv = new StringBuilder(HEADER);
    rows = rows(LocalDate.of(2022, 11, 6), 25);
    for (int h = 0; h < rows.size(); h++) {
      csv.append(rows.get(h)).append(",SPPNORTH_HUB,").append(h + 1).append('\n');
    }
    HourlyPrices autumn = spp(csv.toString());
    assertThat(autumn.days()).isEqualTo(1);
    assertThat(autumn.perMwh(LocalDate.of(2022, 11, 6), 1)).isEqualTo(2.0);
    assertThat(autumn.perMwh(LocalDate.of(2022, 11, 6), 2)).isEqualTo(4.0);
  }

  @Test
  void sppsExportWithAMissingHourIsRefusedNamingTheLine() {
    List<String> rows = rows(LocalDate.of(2022, 2, 1), 3);
    String csv = HEADER + rows.get(0) + ",SPPNORTH_HUB,3\n" + rows.get(2) + ",SPPNORTH_HUB,3\n";

    assertThatThrownBy(() -> spp(csv))
        .hasMessage(
            "spp.csv line 3: expected the hour from 2022-02-01T01:00 local time for SPPNORTH_HUB,"
                + " was the hour from 2022-02-01T02:00");
  }

  @Test
  void sppsExportWithABadPriceOrTimeIsRefusedNamingTheLineAndField() {
    String row = rows(LocalDate.of(2022, 2, 1), 1).getFirst();
    assertThatThrownBy(() -> spp(HEADER + row + ",SPPNORTH_HUB,n/a\n"))
        .hasMessage("spp.csv line 2: lmp: not a price in $/MWh, was 'n/a'");
    assertThatThrownBy(() -> spp(HEADER + "02/01/2022 01:00:00,2022-02-01 07:00,SPPNORTH_HUB,3\n"))
        .hasMessage(
            "spp.csv line 2: interval_end_utc: not a time MM/dd/yyyy HH:mm:ss, was"
                + " '2022-02-01 07:00'");
    assertThatThrownBy(() -> spp(HEADER + row + ",SPPNORTH_HUB\n"))
        .hasMessage("spp.csv line 2: 3 fields, the header has 4");
    assertThatThrownBy(() -> spp("time,node,price\n"))
        .hasMessageStartingWith("spp.csv line 1: the header must name interval_end_local");
  }

  private static final String HEADER = "interval_end_local,interval_end_utc,location,lmp\n";

  /**
   * {@code count} hours from the local midnight of {@code day} as SPP writes their ends: local
   * label (in the offset after the hour's end), then UTC.
   */
  private static List<String> rows(LocalDate day, int count) {
    java.time.ZoneId zone = MarketRules.SPP_DAY_AHEAD.zone();
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    java.time.Instant start = day.atStartOfDay(zone).toInstant();
    List<String> rows = new java.util.ArrayList<>();
    for (int h = 1; h <= count; h++) {
      java.time.Instant end = start.plusSeconds(3_600L * h);
      rows.add(
          end.atZone(zone).toLocalDateTime().format(f)
              + ","
              + end.atZone(java.time.ZoneOffset.UTC).toLocalDateTime().format(f));
    }
    return rows;
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
