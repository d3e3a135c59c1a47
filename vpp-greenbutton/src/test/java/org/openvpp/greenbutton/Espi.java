package org.openvpp.greenbutton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small ESPI feeds for tests, written out as text so each test shows what it reads. */
final class Espi {
  private Espi() {}

  static final String UP = "/espi/1_1/resource/RetailCustomer/1/UsagePoint/1";
  static final String FORWARD = UP + "/MeterReading/1";
  static final String REVERSE = UP + "/MeterReading/2";
  static final String FORWARD_TYPE = "/espi/1_1/resource/ReadingType/1";
  static final String REVERSE_TYPE = "/espi/1_1/resource/ReadingType/2";

  /** 2026-07-01T00:00:00Z, on every length's grid. */
  static final long T = 1_782_864_000L;

  static String feed(String... entries) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>urn:uuid:00000000-0000-0000-0000-000000000000</id>
          <title>test</title>
        """
        + String.join("\n", entries)
        + "\n</feed>\n";
  }

  static String entry(String links, String title, String content) {
    return "<entry>"
        + links
        + "<title>"
        + title
        + "</title><content>"
        + content
        + "</content></entry>";
  }

  static String link(String rel, String href) {
    return "<link rel=\"" + rel + "\" href=\"" + href + "\"/>";
  }

  static String usagePoint(String self, String title) {
    return usagePoint(self, title, 0);
  }

  static String usagePoint(String self, String title, int serviceKind) {
    return entry(
        link("self", self) + link("up", parent(self)) + link("related", self + "/MeterReading"),
        title,
        "<UsagePoint xmlns=\"http://naesb.org/espi\"><ServiceCategory><kind>"
            + serviceKind
            + "</kind></ServiceCategory></UsagePoint>");
  }

  static String meterReading(String self, String readingType) {
    return entry(
        link("self", self)
            + link("up", parent(self))
            + link("related", self + "/IntervalBlock")
            + link("related", readingType),
        "",
        "<MeterReading xmlns=\"http://naesb.org/espi\"/>");
  }

  /** A ReadingType of its fields, such as {@code <uom>72</uom>}. */
  static String readingType(String self, String fields) {
    return entry(
        link("self", self) + link("up", parent(self)),
        "",
        "<ReadingType xmlns=\"http://naesb.org/espi\">" + fields + "</ReadingType>");
  }

  /** An electric-energy ReadingType (Wh, deltaData) of a flow and length. */
  static String electric(String self, int flowDirection, int intervalLength) {
    return readingType(
        self,
        "<accumulationBehaviour>4</accumulationBehaviour><commodity>1</commodity><flowDirection>"
            + flowDirection
            + "</flowDirection><intervalLength>"
            + intervalLength
            + "</intervalLength><kind>12</kind><powerOfTenMultiplier>0</powerOfTenMultiplier>"
            + "<uom>72</uom>");
  }

  static String block(String meterReading, String id, String... readings) {
    String self = meterReading + "/IntervalBlock/" + id;
    return entry(
        link("self", self) + link("up", parent(self)),
        "",
        "<IntervalBlock xmlns=\"http://naesb.org/espi\">"
            + String.join("", readings)
            + "</IntervalBlock>");
  }

  static String reading(long start, long duration, long value) {
    return "<IntervalReading><timePeriod><duration>"
        + duration
        + "</duration><start>"
        + start
        + "</start></timePeriod><value>"
        + value
        + "</value></IntervalReading>";
  }

  /** A feed of one usage point with a forward 15-minute MeterReading of the given readings. */
  static String forward(String... readings) {
    return feed(
        usagePoint(UP, "Home"),
        meterReading(FORWARD, FORWARD_TYPE),
        electric(FORWARD_TYPE, 1, 900),
        block(FORWARD, "1", readings));
  }

  static InputStream in(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  static InputStream sample(String name) {
    InputStream in = Espi.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("no test resource " + name);
    }
    return in;
  }

  static byte[] sampleBytes(String name) {
    try (InputStream in = sample(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GreenButtonFeed read(String xml) {
    try {
      return new GreenButtonReader().read(in(xml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String parent(String href) {
    return href.substring(0, href.lastIndexOf('/'));
  }
}
