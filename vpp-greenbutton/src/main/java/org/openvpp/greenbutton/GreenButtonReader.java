package org.openvpp.greenbutton;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a Green Button file or feed (NAESB ESPI Atom XML) into a {@link GreenButtonFeed}: its
 * electric usage points, each with its intervals of imported and exported energy and the readings
 * it left out. What is read and what is refused is in docs/metering.md ("Green Button").
 *
 * <p>The input is read once, as a stream, and never more than the limit (64 MiB unless set): a
 * larger one is refused as {@code TOO_LARGE} when the limit is passed, not after. DTDs and entities
 * are never processed. One reader may be used by several threads at once; the stream is not closed.
 */
public final class GreenButtonReader {
  /** The default limit: 64 MiB, about 250,000 readings. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final long maxBytes;

  /** A reader of files up to {@link #DEFAULT_MAX_BYTES}. */
  public GreenButtonReader() {
    this(DEFAULT_MAX_BYTES);
  }

  /** A reader of files up to {@code maxBytes}. */
  public GreenButtonReader(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * The feed in {@code in}.
   *
   * @throws GreenButtonException if the file is refused as a whole, with its {@link
   *     GreenButtonException.Reason}
   * @throws IOException if {@code in} itself fails (not for what it holds)
   */
  public GreenButtonFeed read(InputStream in) throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(in, maxBytes);
    RawFeed raw;
    try {
      raw = FeedParser.parse(bounded);
    } catch (XMLStreamException | RuntimeException e) {
      if (bounded.exceeded()) {
        throw tooLarge(e);
      }
      IOException failure = bounded.failure();
      if (failure != null) {
        throw failure;
      }
      if (e instanceof GreenButtonException refused) {
        throw refused;
      }
      throw notXml(e);
    }
    return FeedLinker.link(raw);
  }

  private GreenButtonException tooLarge(Exception e) {
    return new GreenButtonException(
        GreenButtonException.Reason.TOO_LARGE,
        "the file is larger than "
            + size(maxBytes)
            + ", the most OpenVPP reads at once; ask for a shorter period (Download My Data"
            + " lets the customer choose dates, a Connect feed takes updated-min) and send it in"
            + " parts",
        e);
  }

  private static GreenButtonException notXml(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = message.indexOf("Message: ");
    if (cut >= 0) {
      message = message.substring(cut + "Message: ".length());
    }
    String where = "";
    if (e instanceof XMLStreamException x) {
      Location at = x.getLocation();
      if (at != null) {
        where = " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
      }
    }
    return new GreenButtonException(
        GreenButtonException.Reason.MALFORMED,
        "the file is not well-formed XML: "
            + message.strip()
            + where
            + "; a Green Button file is the ESPI Atom XML the utility gives, complete and"
            + " unchanged",
        e);
  }

  private static String size(long bytes) {
    return bytes % (1L << 20) == 0
        ? (bytes >> 20) + " MiB"
        : String.format(Locale.ROOT, "%,d bytes", bytes);
  }
}
