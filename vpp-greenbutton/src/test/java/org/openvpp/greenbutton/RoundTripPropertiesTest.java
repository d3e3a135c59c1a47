package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
import org.openvpp.meter.MeterReading;
import org.openvpp.units.Energy;

/** What the writer writes, the reader reads back to the watt-hour, over daylight-saving changes. */
class RoundTripPropertiesTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Duration> LENGTHS =
      List.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1));

  @Provide
  Gen<String> zones() {
    return Gen.of(LocalTimeParametersTest.ZONES);
  }

  /**
   * Random readings from local midnight one or two days before the zone's first change of 2026 (or
   * 1 July where there is none) over a few days: random lengths, gaps, values with fractions of a
   * watt-hour, and some exporting.
   */
  private static List<MeterReading> readings(ZoneId zone, long seed, int days) {
    Random random = new Random(seed);
    ZoneOffsetTransition change = zone.getRules().nextTransition(FROM);
    LocalDate first =
        (change == null ? LocalDate.of(2026, 7, 1) : change.getDateTimeBefore().toLocalDate())
            .minusDays(random.nextInt(3));
    Duration length = LENGTHS.get(random.nextInt(LENGTHS.size()));
    boolean exports = random.nextBoolean();
    Instant end = first.plusDays(days).atStartOfDay(zone).toInstant();
    List<MeterReading> readings = new ArrayList<>();
    long grid = length.toSeconds();
    long startSecond = Math.floorDiv(first.atStartOfDay(zone).toEpochSecond(), grid) * grid;
    for (Instant t = Instant.ofEpochSecond(startSecond); t.isBefore(end); t = t.plus(length)) {
      if (random.nextInt(20) == 0) {
        continue; // a gap
      }
      double in = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 3_000;
      double out = exports && random.nextInt(3) == 0 ? random.nextDouble() * 2_000 : 0;
      readings.add(
          new MeterReading("meter-7", t, length, Energy.ofWattHours(in), Energy.ofWattHours(out)));
    }
    return readings;
  }

  @Property(tries = 60)
  void whatTheWriterWritesTheReaderReadsBackToTheWattHour(
      @ForAll("zones") String name, @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int days)
      throws IOException {
    ZoneId zone = ZoneId.of(name);
    List<MeterReading> written = readings(zone, seed, days);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GreenButtonWriter("Meter 7", zone).write(written, FROM, out);

    UsagePoint point =
        new GreenButtonReader().read(new ByteArrayInputStream(out.toByteArray())).only();

    List<MeterReading> expected = new ArrayList<>();
    for (MeterReading r : written) {
      expected.add(
          new MeterReading(
              r.meterId(),
              r.start(),
              r.length(),
              Energy.ofWattHours(Math.rint(r.imported().wattHours())),
              Energy.ofWattHours(Math.rint(r.exported().wattHours()))));
    }
    assertThat(point.readings("meter-7")).isEqualTo(expected);
    assertThat(point.refusals()).isEmpty();
    assertThat(point.title()).isEqualTo("Meter 7");
    LocalTimeParameters time = point.localTime().orElseThrow();
    for (MeterReading r : written) {
      assertThat(time.offsetAt(r.start())).isEqualTo(zone.getRules().getOffset(r.start()));
    }
  }
}
