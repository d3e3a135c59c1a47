package org.openvpp.greenbutton;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.openvpp.meter.MeterReading;

/**
 * Writes one meter's readings as a Green Button file (NAESB ESPI Atom XML) that {@link
 * GreenButtonReader} reads back to the watt-hour, and other Green Button tools read as a utility's.
 *
 * <p>Design note. The feed holds one UsagePoint (the title given, ServiceCategory electricity), the
 * LocalTimeParameters of the zone given, a forward MeterReading with its ReadingType (Wh,
 * multiplier 0, deltaData, electricity, energy, the readings' length) and, only when some reading
 * exports, a reverse one; each MeterReading's readings are grouped into one IntervalBlock per local
 * day of the zone (a 23- or 25-hour block on a daylight-saving day). Values are whole watt-hours,
 * rounded half to even. The XML is written by StAX as it goes, entry by entry, so the memory used
 * is the caller's list and a buffer, whatever the period. The hrefs and Atom ids are derived from
 * the readings, so the same readings give the same file. Instances are immutable and may be shared.
 */
public final class GreenButtonWriter {
  private static final String ATOM = FeedParser.ATOM;
  private static final String ESPI = FeedParser.ESPI;
  private static final String BASE = "/espi/1_1/resource/RetailCustomer/1/UsagePoint/1";
  private static final String TIME = "/espi/1_1/resource/LocalTimeParameters/1";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final String usagePointTitle;
  private final ZoneId zone;

  /**
   * A writer of files whose usage point is titled {@code usagePointTitle} and whose days are those
   * of {@code zone}.
   */
  public GreenButtonWriter(String usagePointTitle, ZoneId zone) {
    this.usagePointTitle = Objects.requireNonNull(usagePointTitle, "usagePointTitle");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Writes {@code readings} to {@code out}, which is flushed, not closed.
   *
   * @param readings one meter's readings, all of one length, no two of one interval; any order
   * @param updated the feed's and its entries' Atom {@code updated} and {@code published} time
   * @throws IllegalArgumentException if there are no readings, or they are of several meters or
   *     lengths, or two are of one interval, or the zone's daylight-saving rules have no ESPI
   *     encoding
   * @throws IOException if {@code out} fails
   */
  public void write(List<MeterReading> readings, Instant updated, OutputStream out)
      throws IOException {
    List<MeterReading> sorted = sorted(readings);
    MeterReading first = sorted.get(0);
    LocalTimeParameters time = LocalTimeParameters.of(zone, first.start());
    boolean exports = sorted.stream().anyMatch(r -> r.exported().wattHours() > 0);
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    try {
      XMLStreamWriter xml =
          XMLOutputFactory.newDefaultFactory()
              .createXMLStreamWriter(buffered, StandardCharsets.UTF_8.name());
      Feed feed = new Feed(xml, updated, first.meterId());
      feed.write(sorted, time, exports);
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("could not write the Green Button feed: " + e.getMessage(), e);
    }
    buffered.flush();
  }

  private static List<MeterReading> sorted(List<MeterReading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException(
          "no readings to write; a Green Button file holds at least one interval");
    }
    List<MeterReading> sorted = new ArrayList<>(readings);
    sorted.sort(Comparator.comparing(MeterReading::start));
    MeterReading first = sorted.get(0);
    for (int i = 0; i < sorted.size(); i++) {
      MeterReading r = sorted.get(i);
      if (!r.meterId().equals(first.meterId())) {
        throw new IllegalArgumentException(
            "a Green Button file holds one meter's readings, but these are of "
                + first.meterId()
                + " and "
                + r.meterId());
      }
      if (!r.length().equals(first.length())) {
        throw new IllegalArgumentException(
            "a Green Button MeterReading has one interval length, but these last "
                + first.length().toMinutes()
                + " and "
                + r.length().toMinutes()
                + " minutes; write one file per length");
      }
      if (i > 0 && r.start().equals(sorted.get(i - 1).start())) {
        throw new IllegalArgumentException(
            "two readings of meter " + r.meterId() + " are of the interval at " + r.start());
      }
    }
    return sorted;
  }

  /** One document being written. */
  private final class Feed {
    private final XMLStreamWriter xml;
    private final String updated;
    private final String meterId;
    private int depth;

    Feed(XMLStreamWriter xml, Instant updated, String meterId) {
      this.xml = xml;
      this.updated = updated.truncatedTo(ChronoUnit.SECONDS).toString();
      this.meterId = meterId;
    }

    void write(List<MeterReading> readings, LocalTimeParameters time, boolean exports)
        throws XMLStreamException {
      xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      open("feed");
      xml.writeDefaultNamespace(ATOM);
      leaf("id", id("feed"));
      leaf("title", "Green Button data: " + usagePointTitle);
      leaf("updated", updated);

      startEntry(
          BASE,
          "/espi/1_1/resource/RetailCustomer/1/UsagePoint",
          usagePointTitle,
          BASE + "/MeterReading",
          TIME);
      espi("UsagePoint");
      open("ServiceCategory");
      leaf("kind", "0");
      close();
      endEntry();

      startEntry(TIME, "/espi/1_1/resource/LocalTimeParameters", "Local time of " + zone);
      espi("LocalTimeParameters");
      leaf("dstEndRule", LocalTimeParameters.hex(time.dstEndRule()));
      leaf("dstOffset", Long.toString(time.dstOffset().toSeconds()));
      leaf("dstStartRule", LocalTimeParameters.hex(time.dstStartRule()));
      leaf("tzOffset", Integer.toString(time.standardOffset().getTotalSeconds()));
      endEntry();

      meterReading(readings, 1, 1, "Energy delivered", r -> r.imported().wattHours());
      if (exports) {
        meterReading(readings, 2, 19, "Energy received", r -> r.exported().wattHours());
      }
      close();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
    }

    private void meterReading(
        List<MeterReading> readings,
        int number,
        int flowDirection,
        String title,
        ToDoubleFunction<MeterReading> wattHours)
        throws XMLStreamException {
      String self = BASE + "/MeterReading/" + number;
      String type = "/espi/1_1/resource/ReadingType/" + number;
      Duration length = readings.get(0).length();
      startEntry(
          self,
          BASE + "/MeterReading",
          title + ", intervals of " + ReadingTypes.describe(length.toSeconds()),
          self + "/IntervalBlock",
          type);
      espi("MeterReading");
      endEntry();

      startEntry(type, "/espi/1_1/resource/ReadingType", title + " (Wh)");
      espi("ReadingType");
      leaf("accumulationBehaviour", Integer.toString(ReadingTypes.DELTA_DATA));
      leaf("commodity", "1");
      leaf("flowDirection", Integer.toString(flowDirection));
      leaf("intervalLength", Long.toString(length.toSeconds()));
      leaf("kind", "12");
      leaf("powerOfTenMultiplier", "0");
      leaf("uom", Integer.toString(ReadingTypes.WATT_HOURS));
      endEntry();

      int from = 0;
      while (from < readings.size()) {
        LocalDate day = readings.get(from).start().atZone(zone).toLocalDate();
        int to = from;
        while (to < readings.size()
            && readings.get(to).start().atZone(zone).toLocalDate().equals(day)) {
          to++;
        }
        block(self, day, readings.subList(from, to), wattHours);
        from = to;
      }
    }

    private void block(
        String meterReading,
        LocalDate day,
        List<MeterReading> readings,
        ToDoubleFunction<MeterReading> wattHours)
        throws XMLStreamException {
      Instant start = day.atStartOfDay(zone).toInstant();
      Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
      startEntry(
          meterReading + "/IntervalBlock/" + DAY.format(day), meterReading + "/IntervalBlock", "");
      espi("IntervalBlock");
      open("interval");
      leaf("duration", Long.toString(Duration.between(start, end).toSeconds()));
      leaf("start", Long.toString(start.getEpochSecond()));
      close();
      for (MeterReading r : readings) {
        open("IntervalReading");
        open("timePeriod");
        leaf("duration", Long.toString(r.length().toSeconds()));
        leaf("start", Long.toString(r.start().getEpochSecond()));
        close();
        leaf("value", Long.toString((long) Math.rint(wattHours.applyAsDouble(r))));
        close();
      }
      endEntry();
    }

    private void startEntry(String self, String up, String title, String... related)
        throws XMLStreamException {
      open("entry");
      leaf("id", id(self));
      link("self", self);
      link("up", up);
      for (String href : related) {
        link("related", href);
      }
      leaf("title", title);
    }

    /** Opens the content element and the ESPI object in it. */
    private void espi(String object) throws XMLStreamException {
      open("content");
      open(object);
      xml.writeDefaultNamespace(ESPI);
    }

    private void endEntry() throws XMLStreamException {
      close(); // the ESPI object
      close(); // content
      leaf("published", updated);
      leaf("updated", updated);
      close(); // entry
    }

    private void link(String rel, String href) throws XMLStreamException {
      indent();
      xml.writeEmptyElement("link");
      xml.writeAttribute("rel", rel);
      xml.writeAttribute("href", href);
    }

    private void leaf(String name, String text) throws XMLStreamException {
      indent();
      xml.writeStartElement(name);
      xml.writeCharacters(text);
      xml.writeEndElement();
    }

    private void open(String name) throws XMLStreamException {
      indent();
      xml.writeStartElement(name);
      depth++;
    }

    private void close() throws XMLStreamException {
      depth--;
      indent();
      xml.writeEndElement();
    }

    private void indent() throws XMLStreamException {
      xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** An Atom id of this meter's resource, the same each time it is written. */
    private String id(String href) {
      return "urn:uuid:"
          + UUID.nameUUIDFromBytes((meterId + " " + href).getBytes(StandardCharsets.UTF_8));
    }
  }
}
