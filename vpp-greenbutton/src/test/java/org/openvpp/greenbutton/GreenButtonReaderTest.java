package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.openvpp.greenbutton.Espi.FORWARD;
import static org.openvpp.greenbutton.Espi.FORWARD_TYPE;
import static org.openvpp.greenbutton.Espi.REVERSE;
import static org.openvpp.greenbutton.Espi.REVERSE_TYPE;
import static org.openvpp.greenbutton.Espi.T;
import static org.openvpp.greenbutton.Espi.UP;
import static org.openvpp.greenbutton.Espi.block;
import static org.openvpp.greenbutton.Espi.electric;
import static org.openvpp.greenbutton.Espi.feed;
import static org.openvpp.greenbutton.Espi.meterReading;
import static org.openvpp.greenbutton.Espi.read;
import static org.openvpp.greenbutton.Espi.reading;
import static org.openvpp.greenbutton.Espi.readingType;
import static org.openvpp.greenbutton.Espi.usagePoint;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.greenbutton.GreenButtonException.Reason;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.units.Energy;

class GreenButtonReaderTest {
  private static final Duration Q = Duration.ofMinutes(15);

  private static GreenButtonFeed sample(String name) throws IOException {
    try (InputStream in = Espi.sample(name)) {
      return new GreenButtonReader().read(in);
    }
  }

  private static Reason reasonOf(String xml) {
    try {
      read(xml);
    } catch (GreenButtonException e) {
      return e.reason();
    }
    throw new AssertionError("the feed was read");
  }

  @Test
  void theFortnightSampleHas1340ReadingsFromItsFirstToItsLast() throws IOException {
    GreenButtonFeed feed = sample("test_usage_data.xml");
    List<MeterReading> readings = feed.readings("front-meter");

    assertThat(readings).hasSize(1_340);
    assertThat(feed.refusals()).isEmpty();
    // <start>1330578000</start> (3/1/2012 5:00 AM UTC), <duration>900</duration>,
    // <value>282</value>
    assertThat(readings.get(0))
        .isEqualTo(
            MeterReading.ofKwh("front-meter", Instant.parse("2012-03-01T05:00:00Z"), Q, 0.282, 0));
    // <start>1331783100</start> (3/15/2012 3:45 AM UTC), <value>940</value>
    assertThat(readings.get(1_339))
        .isEqualTo(
            MeterReading.ofKwh("front-meter", Instant.parse("2012-03-15T03:45:00Z"), Q, 0.940, 0));
    assertThat(readings.stream().mapToDouble(r -> r.imported().wattHours()).sum())
        .isEqualTo(1_391_666);
  }

  @Test
  void theOneDaySampleHas96ReadingsOfItsUsagePoint() throws IOException {
    GreenButtonFeed feed = sample("test_usage_data_10.xml");
    UsagePoint point = feed.only();

    assertThat(point.title()).isEqualTo("Front Electric Meter");
    assertThat(point.href())
        .isEqualTo("/espi/1_1/resource/RetailCustomer/9B6C7066/UsagePoint/5446AF3F");
    assertThat(point.intervals()).hasSize(96);
    assertThat(point.intervals().get(0))
        .isEqualTo(interval(Instant.parse("2012-03-10T05:00:00Z"), 323, 0));
    assertThat(point.intervals().get(95))
        .isEqualTo(interval(Instant.parse("2012-03-11T04:45:00Z"), 900, 0));
  }

  @Test
  void theSampleStatesEasternTimeWithNorthAmericanDaylightSaving() throws IOException {
    LocalTimeParameters time = sample("test_usage_data_10.xml").only().localTime().orElseThrow();

    assertThat(time)
        .isEqualTo(
            new LocalTimeParameters(
                ZoneOffset.ofHours(-5), Duration.ofHours(1), 0x360E2000, 0xB40E2000));
    assertThat(time.offsetAt(Instant.parse("2012-03-11T06:59:59Z")))
        .isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(time.offsetAt(Instant.parse("2012-03-11T07:00:00Z")))
        .isEqualTo(ZoneOffset.ofHours(-4));
    assertThat(time.offsetAt(Instant.parse("2012-11-04T05:59:59Z")))
        .isEqualTo(ZoneOffset.ofHours(-4));
    assertThat(time.offsetAt(Instant.parse("2012-11-04T06:00:00Z")))
        .isEqualTo(ZoneOffset.ofHours(-5));
  }

  @Test
  void blocksBeforeTheMeterReadingAndUsagePointTheyBelongToAreLinked() {
    GreenButtonFeed feed =
        read(
            feed(
                block(FORWARD, "2", reading(T + 900, 900, 20)),
                electric(FORWARD_TYPE, 1, 900),
                block(FORWARD, "1", reading(T, 900, 10)),
                meterReading(FORWARD, FORWARD_TYPE),
                usagePoint(UP, "Home")));

    assertThat(feed.only().intervals())
        .containsExactly(
            interval(Instant.ofEpochSecond(T), 10, 0),
            interval(Instant.ofEpochSecond(T + 900), 20, 0));
  }

  @Test
  void anAbsoluteHrefAndARelativeOneOfTheSameResourceLink() {
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "Home"),
                meterReading(FORWARD, "https://utility.example" + FORWARD_TYPE),
                electric(FORWARD_TYPE, 1, 900),
                block(FORWARD, "1", reading(T, 900, 10))));

    assertThat(feed.only().intervals()).hasSize(1);
  }

  @Test
  void powerOfTenMultiplierScalesTheValues() {
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "Home"),
                meterReading(FORWARD, FORWARD_TYPE),
                readingType(
                    FORWARD_TYPE,
                    "<accumulationBehaviour>4</accumulationBehaviour><flowDirection>1"
                        + "</flowDirection><powerOfTenMultiplier>3</powerOfTenMultiplier>"
                        + "<uom>72</uom>"),
                block(FORWARD, "1", reading(T, 3600, 2))));

    assertThat(feed.readings("m").get(0).imported().kilowattHours()).isEqualTo(2);
    assertThat(feed.readings("m").get(0).length()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aReverseFlowIsReadAsExport() {
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "Solar home"),
                meterReading(FORWARD, FORWARD_TYPE),
                electric(FORWARD_TYPE, 1, 900),
                meterReading(REVERSE, REVERSE_TYPE),
                electric(REVERSE_TYPE, 19, 900),
                block(FORWARD, "1", reading(T, 900, 120), reading(T + 900, 900, 0)),
                block(REVERSE, "1", reading(T, 900, 0), reading(T + 900, 900, 450))));

    assertThat(feed.only().intervals())
        .containsExactly(
            interval(Instant.ofEpochSecond(T), 120, 0),
            interval(Instant.ofEpochSecond(T + 900), 0, 450));
  }

  @Test
  void aNetFlowWithNegativeValuesSplitsThemIntoExport() {
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "Solar home"),
                meterReading(FORWARD, FORWARD_TYPE),
                electric(FORWARD_TYPE, 4, 900),
                block(FORWARD, "1", reading(T, 900, 300), reading(T + 900, 900, -250))));

    assertThat(feed.only().intervals())
        .containsExactly(
            interval(Instant.ofEpochSecond(T), 300, 0),
            interval(Instant.ofEpochSecond(T + 900), 0, 250));
    assertThat(feed.refusals()).isEmpty();
  }

  @Test
  void perReadingProblemsAreListedAndTheRestIsKept() {
    GreenButtonFeed feed =
        read(
            Espi.forward(
                reading(T, 900, 100), // 1: kept
                reading(T + 900, 900, -5), // 2: negative
                reading(T + 1_860, 900, 7), // 3: off the grid
                reading(T + 2_700, 600, 7), // 4: a 10-minute reading
                reading(T, 900, 999), // 5: the first interval again
                "<IntervalReading><timePeriod><duration>900</duration><start>"
                    + (T + 3_600)
                    + "</start></timePeriod></IntervalReading>", // 6: no value
                reading(T + 4_500, 900, 200))); // 7: kept

    assertThat(feed.only().intervals())
        .containsExactly(
            interval(Instant.ofEpochSecond(T), 100, 0),
            interval(Instant.ofEpochSecond(T + 4_500), 200, 0));
    assertThat(feed.refusals())
        .extracting(Refusal::index, Refusal::verdict)
        .containsExactly(
            tuple(2, ReadingVerdict.NEGATIVE),
            tuple(3, ReadingVerdict.OUT_OF_RANGE),
            tuple(4, ReadingVerdict.OUT_OF_RANGE),
            tuple(5, ReadingVerdict.DUPLICATE),
            tuple(6, ReadingVerdict.MISSING));
    assertThat(feed.refusals().get(0).start()).contains(Instant.ofEpochSecond(T + 900));
    assertThat(feed.refusals().get(0).message()).contains("below zero");
    assertThat(feed.refusals().get(1).message()).contains("off the 15-minute grid");
    assertThat(feed.refusals().get(2).message()).contains("10 minutes");
    assertThat(feed.refusals().get(3).message()).contains("repeats", "which is kept");
    assertThat(feed.refusals().get(4).message()).contains("has no value");
    assertThat(feed.refusals().get(4).start()).isEmpty();
  }

  @Test
  void anHourOverlappingAQuarterAlreadyReadIsADuplicate() {
    GreenButtonFeed feed = read(Espi.forward(reading(T + 900, 900, 1), reading(T, 3600, 4)));

    assertThat(feed.only().intervals()).hasSize(1);
    assertThat(feed.refusals())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.verdict()).isEqualTo(ReadingVerdict.DUPLICATE);
              assertThat(r.message()).contains("overlaps");
            });
  }

  @Test
  void whereBothFlowsAreReportedAnIntervalOfOnlyOneIsMissing() {
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "Solar home"),
                meterReading(FORWARD, FORWARD_TYPE),
                electric(FORWARD_TYPE, 1, 900),
                meterReading(REVERSE, REVERSE_TYPE),
                electric(REVERSE_TYPE, 19, 900),
                block(FORWARD, "1", reading(T, 900, 120), reading(T + 900, 900, 80)),
                block(REVERSE, "1", reading(T, 900, 10))));

    assertThat(feed.only().intervals())
        .containsExactly(interval(Instant.ofEpochSecond(T), 120, 10));
    assertThat(feed.refusals())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.verdict()).isEqualTo(ReadingVerdict.MISSING);
              assertThat(r.message()).contains("no reverse reading");
            });
  }

  @Test
  void aFeedWithTwoUsagePointsNeedsAChoice() {
    String second = "/espi/1_1/resource/RetailCustomer/1/UsagePoint/2";
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "House"),
                usagePoint(second, "Garage"),
                meterReading(FORWARD, FORWARD_TYPE),
                meterReading(second + "/MeterReading/1", FORWARD_TYPE),
                electric(FORWARD_TYPE, 1, 900),
                block(FORWARD, "1", reading(T, 900, 1)),
                block(second + "/MeterReading/1", "1", reading(T, 900, 2))));

    assertThatThrownBy(() -> feed.readings("m"))
        .isInstanceOfSatisfying(
            GreenButtonException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AMBIGUOUS))
        .hasMessageContaining("'House' (" + UP + ")")
        .hasMessageContaining("'Garage' (" + second + ")")
        .hasMessageContaining("choose one");
    assertThat(feed.usagePoint(second).orElseThrow().readings("m"))
        .containsExactly(MeterReading.ofKwh("m", Instant.ofEpochSecond(T), Q, 0.002, 0));
  }

  @Test
  void aGasUsagePointBesideTheElectricOneIsLeftOut() {
    String gas = "/espi/1_1/resource/RetailCustomer/1/UsagePoint/2";
    GreenButtonFeed feed =
        read(
            feed(
                usagePoint(UP, "House"),
                usagePoint(gas, "Gas meter", 1),
                meterReading(FORWARD, FORWARD_TYPE),
                meterReading(gas + "/MeterReading/1", "/espi/1_1/resource/ReadingType/9"),
                electric(FORWARD_TYPE, 1, 900),
                readingType("/espi/1_1/resource/ReadingType/9", "<uom>169</uom>"),
                block(FORWARD, "1", reading(T, 900, 1)),
                block(gas + "/MeterReading/1", "1", reading(T, 3600, 2))));

    assertThat(feed.only().title()).isEqualTo("House");
  }

  @Test
  void aFeedOfOnlyAGasUsagePointIsWrongUnits() {
    String xml =
        feed(
            usagePoint(UP, "Gas meter", 1),
            meterReading(FORWARD, FORWARD_TYPE),
            readingType(FORWARD_TYPE, "<uom>169</uom>"),
            block(FORWARD, "1", reading(T, 3600, 2)));

    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("ServiceCategory kind 1")
        .hasMessageContaining("electricity (ServiceCategory kind 0)");
    assertThat(reasonOf(xml)).isEqualTo(Reason.WRONG_UNITS);
  }

  @Test
  void aReadingTypeOfPowerIsWrongUnits() {
    String xml = withType("<accumulationBehaviour>4</accumulationBehaviour><uom>38</uom>");

    assertThat(reasonOf(xml)).isEqualTo(Reason.WRONG_UNITS);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("ReadingType " + FORWARD_TYPE)
        .hasMessageContaining("uom 38 (W)")
        .hasMessageContaining("uom 72 (Wh)");
  }

  @Test
  void aFileInGasUnitsIsRefused() {
    String xml =
        withType(
            "<accumulationBehaviour>4</accumulationBehaviour><commodity>7</commodity>"
                + "<uom>72</uom>");

    assertThat(reasonOf(xml)).isEqualTo(Reason.WRONG_UNITS);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("commodity 7 (natural gas)")
        .hasMessageContaining("commodity 1 or 2 (electricity)");
  }

  @Test
  void aBulkRegisterIsRefusedAsNotIntervalData() {
    String xml = withType("<accumulationBehaviour>1</accumulationBehaviour><uom>72</uom>");

    assertThat(reasonOf(xml)).isEqualTo(Reason.UNSUPPORTED);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("bulkQuantity")
        .hasMessageContaining("needs interval data");
  }

  @Test
  void aDailyReadingTypeIsRefusedNamingItsLength() {
    String xml =
        withType(
            "<accumulationBehaviour>4</accumulationBehaviour><intervalLength>86400"
                + "</intervalLength><uom>72</uom>");

    assertThat(reasonOf(xml)).isEqualTo(Reason.UNSUPPORTED);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("intervalLength 86400 s (1 day)")
        .hasMessageContaining("5, 15, 30 or 60 minutes");
  }

  @Test
  void aMeterReadingWithoutReadingTypeIsMalformed() {
    String xml =
        feed(
            usagePoint(UP, "Home"),
            meterReading(FORWARD, FORWARD_TYPE),
            block(FORWARD, "1", reading(T, 900, 1)));

    assertThat(reasonOf(xml)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("MeterReading " + FORWARD + " (line")
        .hasMessageContaining("links no ReadingType");
  }

  @Test
  void aBlockOfNoMeterReadingInTheFeedIsMalformed() {
    String xml =
        feed(
            usagePoint(UP, "Home"),
            meterReading(FORWARD, FORWARD_TYPE),
            electric(FORWARD_TYPE, 1, 900),
            block(UP + "/MeterReading/7", "1", reading(T, 900, 1)));

    assertThat(reasonOf(xml)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read(xml)).hasMessageContaining("belongs to no MeterReading");
  }

  @Test
  void aFeedWithoutUsagePointIsEmpty() {
    assertThat(reasonOf(feed())).isEqualTo(Reason.EMPTY);
  }

  @Test
  void aFeedOfOnlySummariesHasNoIntervalData() {
    String xml =
        feed(
            usagePoint(UP, "Home"),
            Espi.entry(
                Espi.link("self", UP + "/ElectricPowerUsageSummary/1"),
                "Usage Summary",
                "<ElectricPowerUsageSummary xmlns=\"http://naesb.org/espi\"><billToDate>1"
                    + "</billToDate></ElectricPowerUsageSummary>"));

    assertThat(reasonOf(xml)).isEqualTo(Reason.EMPTY);
    assertThatThrownBy(() -> read(xml)).hasMessageContaining("no interval data");
  }

  @Test
  void aTruncatedFileIsMalformedSayingWhere() {
    byte[] whole = Espi.sampleBytes("test_usage_data_10.xml");
    String half = new String(Arrays.copyOf(whole, whole.length / 2), StandardCharsets.UTF_8);

    assertThat(reasonOf(half)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read(half))
        .hasMessageContaining("not well-formed XML")
        .hasMessageContaining("line ");
  }

  @Test
  void aFileThatIsNotXmlIsMalformed() {
    String csv = "start,kwh\n2026-07-01T00:00Z,0.25\n";

    assertThat(reasonOf(csv)).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf("")).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aRootOtherThanAnAtomFeedIsMalformed() {
    String noNamespace = "<feed><entry/></feed>";

    assertThat(reasonOf(noNamespace)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read("<html><body>Log in</body></html>"))
        .hasMessageContaining("root element is <html>")
        .hasMessageContaining("Atom <feed>");
  }

  @Test
  void anExternalEntityIsNeverRead(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "the-secret-text");
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + Espi.forward(reading(T, 900, 1))
                .replace("<title>test</title>", "<title>&xxe;</title>")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");

    assertThat(reasonOf(xml)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("DOCTYPE (line 2)")
        .hasMessageNotContaining("the-secret-text");
  }

  @Test
  void anExternalDtdIsNeverFetched() throws IOException {
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    try {
      String xml =
          "<?xml version=\"1.0\"?>\n<!DOCTYPE feed SYSTEM \"http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/evil.dtd\">\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>";

      assertThat(reasonOf(xml)).isEqualTo(Reason.MALFORMED);
      assertThat(fetched).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anEntityExpansionIsRefusedWithoutExpandingIt() {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE feed ["
            + dtd
            + "]>"
            + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol9;</title></feed>";

    assertThat(reasonOf(xml)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> read(xml))
        .hasMessageContaining("never processes")
        .hasMessageNotContaining("lollol");
  }

  @Test
  void aFileOverTheLimitIsTooLarge() {
    GreenButtonReader small = new GreenButtonReader(4_096);

    assertThatThrownBy(() -> small.read(Espi.sample("test_usage_data_10.xml")))
        .isInstanceOfSatisfying(
            GreenButtonException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("larger than 4,096 bytes");
  }

  @Test
  void anEndlessFeedIsRefusedAtSixtyFourMebibytesWithoutBeingHeld() {
    EndlessFeed endless = new EndlessFeed();

    assertThatThrownBy(() -> new GreenButtonReader().read(endless))
        .isInstanceOfSatisfying(
            GreenButtonException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("larger than 64 MiB");
    assertThat(endless.served).isBetween(64L << 20, (64L << 20) + 1);
  }

  /** An Atom feed that never ends: its opening, then empty unknown elements forever. */
  private static final class EndlessFeed extends InputStream {
    private static final byte[] HEAD =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ITEM =
        ("<x>" + "a".repeat(4_000) + "</x>\n").getBytes(StandardCharsets.UTF_8);
    long served;

    @Override
    public int read() {
      long at = served++;
      return at < HEAD.length ? HEAD[(int) at] : ITEM[(int) ((at - HEAD.length) % ITEM.length)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        b[off + i] = (byte) read();
      }
      return len;
    }
  }

  @Test
  void aBrokenInputIsAnIoExceptionNotARefusedFile() {
    byte[] head =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>".getBytes(StandardCharsets.UTF_8);
    InputStream broken =
        new InputStream() {
          private int at;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (at == head.length) {
              throw new IOException("connection reset");
            }
            int n = Math.min(len, head.length - at);
            System.arraycopy(head, at, b, off, n);
            at += n;
            return n;
          }
        };

    assertThatThrownBy(() -> new GreenButtonReader().read(broken))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  private static String withType(String fields) {
    return feed(
        usagePoint(UP, "Home"),
        meterReading(FORWARD, FORWARD_TYPE),
        readingType(FORWARD_TYPE, fields),
        block(FORWARD, "1", reading(T, 900, 1)));
  }

  private static UsageInterval interval(Instant start, double importWh, double exportWh) {
    return new UsageInterval(start, Q, Energy.ofWattHours(importWh), Energy.ofWattHours(exportWh));
  }
}
