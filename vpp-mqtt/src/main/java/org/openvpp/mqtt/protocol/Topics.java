package org.openvpp.mqtt.protocol;

import java.util.Optional;

/**
 * Topic names of protocol version 1.
 *
 * <pre>
 * vpp/v1/d/{device}/{channel}                 a device speaking for itself
 * vpp/v1/c/{cloud}/d/{device}/{channel}       a device cloud, for a device whose id is "{cloud}:…"
 * vpp/v1/c/{cloud}/telemetry                  a device cloud's batch of its devices' reports
 * vpp/v1/m/{meter}/reading|receipt            a site meter (or head-end) with its own connection
 * vpp/v1/c/{cloud}/m/{meter}/reading|receipt  a cloud or head-end reporting many meters
 * vpp/v1/c/{cloud}/clock|clock/ack            a simulated world's clock and the service's answer
 * </pre>
 *
 * Parsing is strict and allocation-light: it returns the device id and the channel, or empty for
 * anything else (wrong root or version, empty or over-long segments, characters outside the id
 * alphabet, a cloud speaking for a device that is not its own).
 */
public final class Topics {
  /** Largest payload accepted, in bytes. */
  public static final int MAX_PAYLOAD = 1024;

  private static final String ROOT = "vpp/v1/";
  private static final int MAX_ID = 64;

  private Topics() {}

  /**
   * A parsed device topic.
   *
   * @param device the device's id
   * @param channel what the topic carries
   */
  public record DeviceTopic(String device, Channel channel) {}

  /** The topic on which device {@code id} sends or receives {@code channel}. */
  public static String of(String id, Channel channel) {
    return ROOT + "d/" + id + "/" + channel.segment();
  }

  /**
   * The topic on which {@code cloud} sends or receives {@code channel} for its device {@code id}.
   */
  public static String ofCloud(String cloud, String id, Channel channel) {
    return ROOT + "c/" + cloud + "/d/" + id + "/" + channel.segment();
  }

  /** Where a device cloud publishes a batch of its devices' reports. */
  public static String batchTelemetry(String cloud) {
    return ROOT + "c/" + cloud + "/" + Channel.TELEMETRY.segment();
  }

  /** Where a simulated world's cloud publishes its clock (simulation only). */
  public static String clock(String cloud) {
    return ROOT + "c/" + cloud + "/clock";
  }

  /** Where the service answers a simulated world's clock ticks. */
  public static String clockAck(String cloud) {
    return ROOT + "c/" + cloud + "/clock/ack";
  }

  /**
   * A site meter's topics: its own ({@code vpp/v1/m/{meter}/…}) when it has no cloud, else its
   * cloud's ({@code vpp/v1/c/{cloud}/m/{meter}/…}).
   *
   * @param cloud the cloud or head-end reporting for the meter, if any
   * @param meter the meter's id
   */
  public record MeterTopic(Optional<String> cloud, String meter) {
    public MeterTopic {
      java.util.Objects.requireNonNull(cloud, "cloud");
      java.util.Objects.requireNonNull(meter, "meter");
      if (!validId(meter, 0, meter.length())
          || cloud.filter(c -> !validId(c, 0, c.length())).isPresent()) {
        throw new IllegalArgumentException(
            "meter and cloud ids are 1-64 characters of letters, digits and . _ : -, were "
                + meter
                + " and "
                + cloud.orElse("(none)"));
      }
    }

    /** A meter with its own connection. */
    public static MeterTopic own(String meter) {
      return new MeterTopic(Optional.empty(), meter);
    }

    /** A meter that {@code cloud} reports for. */
    public static MeterTopic viaCloud(String cloud, String meter) {
      return new MeterTopic(Optional.of(cloud), meter);
    }

    /** Who publishes the readings: the broker user, the meter itself or its cloud. */
    public String publisher() {
      return cloud.orElse(meter);
    }

    /** Where the readings come. */
    public String reading() {
      return prefix() + "reading";
    }

    /** Where the gateway answers them. */
    public String receipt() {
      return prefix() + "receipt";
    }

    private String prefix() {
      return ROOT + cloud.map(c -> "c/" + c + "/").orElse("") + "m/" + meter + "/";
    }
  }

  /** Parses a meter's reading topic, or empty when {@code topic} is not one. */
  public static Optional<MeterTopic> parseMeterReading(String topic) {
    return parseMeter(topic, "reading");
  }

  /** Parses a meter's receipt topic, or empty when {@code topic} is not one. */
  public static Optional<MeterTopic> parseMeterReceipt(String topic) {
    return parseMeter(topic, "receipt");
  }

  private static Optional<MeterTopic> parseMeter(String topic, String last) {
    if (!topic.startsWith(ROOT) || topic.length() > 200 || !topic.endsWith("/" + last)) {
      return Optional.empty();
    }
    int i = ROOT.length();
    Optional<String> cloud = Optional.empty();
    if (topic.startsWith("c/", i)) {
      int end = topic.indexOf('/', i + 2);
      if (end < 0 || !validId(topic, i + 2, end)) {
        return Optional.empty();
      }
      cloud = Optional.of(topic.substring(i + 2, end));
      i = end + 1;
    }
    if (!topic.startsWith("m/", i)) {
      return Optional.empty();
    }
    int meterEnd = topic.length() - last.length() - 1;
    if (!validId(topic, i + 2, meterEnd)) {
      return Optional.empty();
    }
    return Optional.of(new MeterTopic(cloud, topic.substring(i + 2, meterEnd)));
  }

  /** Whether {@code topic} is the reading topic of a meter, quickly and without allocating. */
  public static boolean isMeterReading(String topic) {
    if (!topic.startsWith(ROOT) || !topic.endsWith("/reading")) {
      return false;
    }
    int i = ROOT.length();
    if (topic.startsWith("c/", i)) {
      int end = topic.indexOf('/', i + 2);
      if (end < 0) {
        return false;
      }
      i = end + 1;
    }
    return topic.startsWith("m/", i);
  }

  /**
   * The cloud of a topic {@code vpp/v1/c/{cloud}/{rest}} whose rest is exactly {@code rest} (such
   * as {@code clock} or {@code telemetry}), or empty.
   */
  public static Optional<String> cloudTopic(String topic, String rest) {
    long c = locateCloud(topic);
    if (c < 0 || !restIs(topic, c, rest)) {
      return Optional.empty();
    }
    return Optional.of(topic.substring(cloudStart(c), cloudEnd(c)));
  }

  /** Whether {@code topic} is a cloud's clock topic, {@code vpp/v1/c/{cloud}/clock}. */
  public static boolean isClock(String topic) {
    long c = locateCloud(topic);
    return c >= 0 && restIs(topic, c, "clock");
  }

  private static boolean restIs(String topic, long located, String rest) {
    int end = cloudEnd(located);
    return topic.length() - end - 1 == rest.length() && topic.startsWith(rest, end + 1);
  }

  /**
   * Finds the cloud id in a topic under {@code vpp/v1/c/{cloud}/}, without allocating: -1 when
   * there is none, otherwise a code to read with {@link #cloudStart} and {@link #cloudEnd}.
   */
  public static long locateCloud(String topic) {
    int from = ROOT.length() + 2;
    if (!topic.startsWith(ROOT) || !topic.startsWith("c/", ROOT.length())) {
      return -1;
    }
    int end = topic.indexOf('/', from);
    if (end < 0 || end + 1 >= topic.length() || !validId(topic, from, end)) {
      return -1;
    }
    return from | ((long) end << 16);
  }

  /** Where the cloud id starts in a topic {@link #locateCloud}d. */
  public static int cloudStart(long located) {
    return (int) (located & 0xffff);
  }

  /** Where the cloud id ends in a topic {@link #locateCloud}d. */
  public static int cloudEnd(long located) {
    return (int) ((located >>> 16) & 0xffff);
  }

  /**
   * Whether {@code s[from, to)} is a valid device, cloud or meter id: 1 to 64 characters of
   * letters, digits and {@code . _ : -}.
   */
  public static boolean isValidId(CharSequence s, int from, int to) {
    return validId(s, from, to);
  }

  /** The shared subscription through which gateway nodes share a channel of every device. */
  public static String shared(String group, Channel channel) {
    return "$share/" + group + "/" + ROOT + "d/+/" + channel.segment();
  }

  /** Parses a device topic, or empty when {@code topic} is not one. */
  public static Optional<DeviceTopic> parse(String topic) {
    long found = locate(topic);
    if (found < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceTopic(topic.substring(idStart(found), idEnd(found)), channelOf(found)));
  }

  /**
   * Finds the device id and channel in a topic without allocating: -1 when {@code topic} is not a
   * device topic, otherwise a code to read with {@link #idStart}, {@link #idEnd} and {@link
   * #channelOf}.
   */
  public static long locate(String topic) {
    if (!topic.startsWith(ROOT) || topic.length() > 200) {
      return -1;
    }
    int i = ROOT.length();
    int cloudStart = -1;
    int cloudEnd = -1;
    if (topic.startsWith("c/", i)) {
      int end = topic.indexOf('/', i + 2);
      if (end < 0 || !validId(topic, i + 2, end) || !topic.startsWith("/d/", end)) {
        return -1;
      }
      cloudStart = i + 2;
      cloudEnd = end;
      i = end + 1;
    }
    if (!topic.startsWith("d/", i)) {
      return -1;
    }
    int idStart = i + 2;
    int idEnd = topic.indexOf('/', idStart);
    if (idEnd < 0 || !validId(topic, idStart, idEnd)) {
      return -1;
    }
    int channel = channel(topic, idEnd + 1);
    if (channel < 0) {
      return -1;
    }
    if (cloudStart >= 0) {
      int cloudLength = cloudEnd - cloudStart;
      // A cloud speaks only for devices whose id is "{cloud}:{something}".
      if (idEnd - idStart <= cloudLength + 1
          || !topic.regionMatches(idStart, topic, cloudStart, cloudLength)
          || topic.charAt(idStart + cloudLength) != ':') {
        return -1;
      }
    }
    return idStart | ((long) idEnd << 16) | ((long) channel << 32);
  }

  /** Where the device id starts in a topic {@link #locate}d. */
  public static int idStart(long located) {
    return (int) (located & 0xffff);
  }

  /** Where the device id ends in a topic {@link #locate}d. */
  public static int idEnd(long located) {
    return (int) ((located >>> 16) & 0xffff);
  }

  /** The channel of a topic {@link #locate}d. */
  public static Channel channelOf(long located) {
    return CHANNELS[(int) (located >>> 32)];
  }

  private static final Channel[] CHANNELS = Channel.values();

  /**
   * The index in {@link #CHANNELS} of the channel named by {@code topic} from {@code from}, or -1.
   */
  private static int channel(String topic, int from) {
    for (int c = 0; c < CHANNELS.length; c++) {
      String s = CHANNELS[c].segment();
      if (topic.length() - from == s.length() && topic.startsWith(s, from)) {
        return c;
      }
    }
    return -1;
  }

  private static boolean validId(CharSequence s, int from, int to) {
    if (to <= from || to - from > MAX_ID) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
