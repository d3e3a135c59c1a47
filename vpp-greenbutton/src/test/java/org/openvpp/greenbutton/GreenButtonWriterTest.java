package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openvpp.meter.MeterReading;
import org.openvpp.units.Energy;

class GreenButtonWriterTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Duration Q = Duration.ofMinutes(15);
  private static final Instant UPDATED = Instant.parse("2026-03-10T12:00:00Z");

  private static String write(List<MeterReading> readings) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GreenButtonWriter("Home meter", NEW_YORK).write(readings, UPDATED, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static GreenButtonFeed readBack(String xml) throws IOException {
    return new GreenButtonReader()
        .read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every quarter hour of a local day in New York, importing 100 Wh plus its index. */
  private static List<MeterReading> day(LocalDate date) {
    List<MeterReading> readings = new ArrayList<>();
    Instant end = date.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
    int i = 0;
    for (Instant t = date.atStartOfDay(NEW_YORK).toInstant(); t.isBefore(end); t = t.plus(Q)) {
      readings.add(MeterReading.ofKwh("meter-1", t, Q, (100 + i++) / 1000.0, 0));
    }
    return readings;
  }

  private static List<String> all(String xml, String regex) {
    Matcher m = Pattern.compile(regex).matcher(xml);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void theDaylightSavingDayIsOneBlockOf23Hours() throws IOException {
    List<MeterReading> readings = new ArrayList<>(day(LocalDate.of(2026, 3, 8)));
    readings.addAll(day(LocalDate.of(2026, 3, 9)));

    String xml = write(readings);

    assertThat(readings).hasSize(92 + 96);
    assertThat(all(xml, "<interval>\\s*<duration>(\\d+)</duration>"))
        .containsExactly("82800", "86400");
    assertThat(all(xml, "<interval>\\s*<duration>\\d+</duration>\\s*<start>(\\d+)</start>"))
        .containsExactly(
            Long.toString(Instant.parse("2026-03-08T05:00:00Z").getEpochSecond()),
            Long.toString(Instant.parse("2026-03-09T04:00:00Z").getEpochSecond()));
    assertThat(readBack(xml).readings("meter-1")).isEqualTo(readings);
  }

  @Test
  void aNinetyDayHistoryIsNinetyDailyBlocksReadBackWhole() throws IOException {
    List<MeterReading> readings = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 1, 1);
        d.isBefore(LocalDate.of(2026, 4, 1));
        d = d.plusDays(1)) {
      readings.addAll(day(d));
    }

    String xml = write(readings);

    assertThat(all(xml, "(<IntervalBlock )")).hasSize(90);
    assertThat(readBack(xml).readings("meter-1")).isEqualTo(readings);
  }

  @Test
  void theFeedStatesEspisReadingTypeOfWattHoursDelivered() throws IOException {
    String xml = write(day(LocalDate.of(2026, 7, 1)));

    assertThat(xml)
        .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
        .contains("<UsagePoint xmlns=\"http://naesb.org/espi\">")
        .contains("<title>Home meter</title>")
        .contains("<tzOffset>-18000</tzOffset>", "<dstOffset>3600</dstOffset>")
        .contains("<dstStartRule>360E2000</dstStartRule>", "<dstEndRule>B40E2000</dstEndRule>")
        .contains(
            "<accumulationBehaviour>4</accumulationBehaviour>",
            "<commodity>1</commodity>",
            "<flowDirection>1</flowDirection>",
            "<intervalLength>900</intervalLength>",
            "<kind>12</kind>",
            "<powerOfTenMultiplier>0</powerOfTenMultiplier>",
            "<uom>72</uom>")
        .doesNotContain("<flowDirection>19</flowDirection>")
        .doesNotContain("meter-1");
  }

  @Test
  void aReverseMeterReadingIsWrittenWhenSomeReadingExports() throws IOException {
    Instant t = Instant.parse("2026-07-01T16:00:00Z");
    List<MeterReading> readings =
        List.of(
            MeterReading.ofKwh("meter-1", t, Q, 0.2, 0),
            MeterReading.ofKwh("meter-1", t.plus(Q), Q, 0, 0.75));

    String xml = write(readings);

    assertThat(xml).contains("<flowDirection>19</flowDirection>");
    assertThat(readBack(xml).readings("meter-1")).isEqualTo(readings);
  }

  @Test
  void valuesAreWholeWattHoursRoundedHalfToEven() throws IOException {
    Instant t = Instant.parse("2026-07-01T16:00:00Z");
    double[] wattHours = {0.5, 1.5, 2.5, 2.4999, 1234.5006};
    List<MeterReading> readings = new ArrayList<>();
    for (int i = 0; i < wattHours.length; i++) {
      readings.add(
          new MeterReading(
              "meter-1",
              t.plus(Q.multipliedBy(i)),
              Q,
              Energy.ofWattHours(wattHours[i]),
              Energy.ZERO));
    }

    List<MeterReading> back = readBack(write(readings)).readings("meter-1");

    assertThat(back)
        .extracting(r -> r.imported().wattHours())
        .containsExactly(0.0, 2.0, 2.0, 2.0, 1235.0);
  }

  @Test
  void theSameReadingsGiveTheSameFile() throws IOException {
    List<MeterReading> readings = day(LocalDate.of(2026, 7, 1));

    assertThat(write(readings)).isEqualTo(write(readings.reversed()));
  }

  @Test
  void readingsOfTwoMetersAreRefused() {
    Instant t = Instant.parse("2026-07-01T16:00:00Z");
    List<MeterReading> two =
        List.of(MeterReading.ofKwh("a", t, Q, 1, 0), MeterReading.ofKwh("b", t.plus(Q), Q, 1, 0));

    assertThatThrownBy(() -> write(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one meter's readings")
        .hasMessageContaining("a and b");
  }

  @Test
  void readingsOfTwoLengthsAreRefused() {
    Instant t = Instant.parse("2026-07-01T16:00:00Z");
    List<MeterReading> two =
        List.of(
            MeterReading.ofKwh("a", t, Q, 1, 0),
            MeterReading.ofKwh("a", t.plus(Duration.ofHours(1)), Duration.ofHours(1), 1, 0));

    assertThatThrownBy(() -> write(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 and 60 minutes");
  }

  @Test
  void twoReadingsOfOneIntervalAreRefused() {
    Instant t = Instant.parse("2026-07-01T16:00:00Z");
    List<MeterReading> twice =
        List.of(MeterReading.ofKwh("a", t, Q, 1, 0), MeterReading.ofKwh("a", t, Q, 2, 0));

    assertThatThrownBy(() -> write(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval at 2026-07-01T16:00:00Z");
  }

  @Test
  void nothingToWriteIsRefused() {
    assertThatThrownBy(() -> write(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no readings");
  }
}
