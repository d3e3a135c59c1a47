package org.openvpp.greenbutton;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.openvpp.meter.ReadingVerdict;

/**
 * Reads an ESPI Atom feed with StAX into a {@link RawFeed}: each entry's links, title and the one
 * ESPI object of its content that OpenVPP uses; every other element is skipped unread.
 *
 * <p>Design note. One pass, pulling events: memory grows with the readings kept, never with the
 * document, and skipped elements (summaries, costs, qualities) cost nothing but the scan. The
 * parser is the JDK's own ({@link XMLInputFactory#newDefaultFactory()}, whatever else is on the
 * class path) with DTDs and external entities off; a document with a DOCTYPE is refused at its DTD
 * event, before any entity could be declared or expanded. Each method that handles an element
 * starts on its START_ELEMENT and returns on its END_ELEMENT. One instance reads one document on
 * one thread.
 */
final class FeedParser {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String ESPI = "http://naesb.org/espi";

  private final XMLStreamReader xml;
  private final List<RawFeed.UsagePointEntry> usagePoints = new ArrayList<>();
  private final List<RawFeed.FieldsEntry> timeParameters = new ArrayList<>();
  private final List<RawFeed.Entry> meterReadings = new ArrayList<>();
  private final List<RawFeed.FieldsEntry> readingTypes = new ArrayList<>();
  private final List<RawFeed.BlockEntry> blocks = new ArrayList<>();
  private int readingCount;

  /** What an entry's content held, until the entry's links are known. */
  private interface Content {
    void addTo(RawFeed.Entry entry);
  }

  private FeedParser(XMLStreamReader xml) {
    this.xml = xml;
  }

  /** Reads a whole document from {@code in}; throws as StAX does for what is not XML. */
  static RawFeed parse(InputStream in) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XMLStreamReader xml = factory.createXMLStreamReader(in);
    try {
      return new FeedParser(xml).document();
    } finally {
      xml.close();
    }
  }

  private RawFeed document() throws XMLStreamException {
    int event = next();
    while (event != XMLStreamConstants.START_ELEMENT) {
      if (event == XMLStreamConstants.END_DOCUMENT) {
        throw new GreenButtonException(
            GreenButtonException.Reason.MALFORMED,
            "the document has no root element; a Green Button file is an Atom <feed>");
      }
      event = next();
    }
    if (!ATOM.equals(xml.getNamespaceURI()) || !"feed".equals(xml.getLocalName())) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          "the document's root element is <"
              + xml.getLocalName()
              + "> in namespace '"
              + nonNull(xml.getNamespaceURI())
              + "' (line "
              + line()
              + "); a Green Button file is an Atom <feed> (namespace "
              + ATOM
              + ") of ESPI entries, as the utility's Download My Data or a Connect feed gives it");
    }
    while (nextChild()) {
      if (isAtom("entry")) {
        entry();
      } else {
        skip();
      }
    }
    while (xml.hasNext()) {
      next();
    }
    return new RawFeed(usagePoints, timeParameters, meterReadings, readingTypes, blocks);
  }

  private void entry() throws XMLStreamException {
    int line = line();
    String title = "";
    String self = null;
    String up = null;
    List<String> related = new ArrayList<>();
    Content content = null;
    while (nextChild()) {
      if (isAtom("link")) {
        String rel = xml.getAttributeValue(null, "rel");
        String href = xml.getAttributeValue(null, "href");
        if (href != null) {
          switch (rel == null ? "alternate" : rel) {
            case "self" -> self = self == null ? href : self;
            case "up" -> up = up == null ? href : up;
            case "related" -> related.add(href);
            default -> {}
          }
        }
        skip();
      } else if (isAtom("title")) {
        title = text();
      } else if (isAtom("content") && content == null) {
        content = content();
      } else {
        skip();
      }
    }
    if (content != null) {
      content.addTo(new RawFeed.Entry(line, title, self, up, List.copyOf(related)));
    }
  }

  /** The first ESPI object of a content element that OpenVPP uses, if any. */
  private @Nullable Content content() throws XMLStreamException {
    Content found = null;
    while (nextChild()) {
      if (found != null || !ESPI.equals(xml.getNamespaceURI())) {
        skip();
        continue;
      }
      switch (xml.getLocalName()) {
        case "UsagePoint" -> {
          RawFeed.Field kind = serviceKind();
          found = e -> usagePoints.add(new RawFeed.UsagePointEntry(e, kind));
        }
        case "MeterReading" -> {
          skip();
          found = meterReadings::add;
        }
        case "ReadingType" -> {
          Map<String, RawFeed.Field> fields = fields();
          found = e -> readingTypes.add(new RawFeed.FieldsEntry(e, fields));
        }
        case "LocalTimeParameters" -> {
          Map<String, RawFeed.Field> fields = fields();
          found = e -> timeParameters.add(new RawFeed.FieldsEntry(e, fields));
        }
        case "IntervalBlock" -> {
          List<RawFeed.Reading> readings = block();
          found = e -> blocks.add(new RawFeed.BlockEntry(e, readings));
        }
        default -> skip();
      }
    }
    return found;
  }

  private RawFeed.@Nullable Field serviceKind() throws XMLStreamException {
    RawFeed.Field kind = null;
    while (nextChild()) {
      if ("ServiceCategory".equals(xml.getLocalName())) {
        while (nextChild()) {
          if ("kind".equals(xml.getLocalName()) && kind == null) {
            int line = line();
            kind = new RawFeed.Field(text(), line);
          } else {
            skip();
          }
        }
      } else {
        skip();
      }
    }
    return kind;
  }

  /** The text of each simple child element, by local name; the first of a repeated name. */
  private Map<String, RawFeed.Field> fields() throws XMLStreamException {
    Map<String, RawFeed.Field> fields = new HashMap<>();
    while (nextChild()) {
      String name = xml.getLocalName();
      int line = line();
      fields.putIfAbsent(name, new RawFeed.Field(text(), line));
    }
    return Map.copyOf(fields);
  }

  private List<RawFeed.Reading> block() throws XMLStreamException {
    List<RawFeed.Reading> readings = new ArrayList<>();
    while (nextChild()) {
      if ("IntervalReading".equals(xml.getLocalName())) {
        readings.add(reading());
      } else {
        skip();
      }
    }
    return readings;
  }

  private RawFeed.Reading reading() throws XMLStreamException {
    int index = ++readingCount;
    int line = line();
    String start = null;
    String duration = null;
    String value = null;
    while (nextChild()) {
      switch (xml.getLocalName()) {
        case "timePeriod" -> {
          while (nextChild()) {
            switch (xml.getLocalName()) {
              case "start" -> start = text();
              case "duration" -> duration = text();
              default -> skip();
            }
          }
        }
        case "value" -> value = text();
        default -> skip();
      }
    }
    String where = "IntervalReading " + index + " (line " + line + ")";
    if (start == null || duration == null || value == null) {
      String absent = start == null ? "timePeriod start" : duration == null ? "duration" : "value";
      return new RawFeed.Reading(
          index,
          line,
          0,
          0,
          0,
          ReadingVerdict.MISSING,
          where + " has no " + absent + "; each reading needs a timePeriod and a value");
    }
    try {
      return new RawFeed.Reading(
          index,
          line,
          Long.parseLong(start),
          Long.parseLong(duration),
          Long.parseLong(value),
          null,
          "");
    } catch (NumberFormatException e) {
      return new RawFeed.Reading(
          index,
          line,
          0,
          0,
          0,
          ReadingVerdict.MALFORMED,
          where
              + " has start '"
              + start
              + "', duration '"
              + duration
              + "' and value '"
              + value
              + "'; each is a whole number (epoch seconds, seconds, the value in its unit)");
    }
  }

  /**
   * Moves to the next child element of the current element: true on its START_ELEMENT, false on the
   * current element's END_ELEMENT. Text, comments and processing instructions between are passed
   * over.
   */
  private boolean nextChild() throws XMLStreamException {
    while (true) {
      int event = next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
    }
  }

  /** The trimmed text of the current element, skipping any child elements; ends on its END. */
  private String text() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    while (true) {
      int event = next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (depth == 0) {
            text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
          }
        }
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth == 0) {
            return text.toString().strip();
          }
          depth--;
        }
        default -> {}
      }
    }
  }

  /** Passes over the current element and everything in it; ends on its END_ELEMENT. */
  private void skip() throws XMLStreamException {
    int depth = 0;
    while (true) {
      int event = next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == 0) {
          return;
        }
        depth--;
      }
    }
  }

  /** The next event; a DTD or an entity reference refuses the document. */
  private int next() throws XMLStreamException {
    int event = xml.next();
    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          "the document has a "
              + (event == XMLStreamConstants.DTD ? "DOCTYPE" : "entity reference")
              + " (line "
              + line()
              + "), which OpenVPP never processes (it could expand entities or read other files);"
              + " a Green Button file has none");
    }
    return event;
  }

  private boolean isAtom(String localName) {
    return ATOM.equals(xml.getNamespaceURI()) && localName.equals(xml.getLocalName());
  }

  private int line() {
    return xml.getLocation().getLineNumber();
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
