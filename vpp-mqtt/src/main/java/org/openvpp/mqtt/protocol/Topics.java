package org.openvpp.mqtt.protocol;

import java.util.Optional;

/**
 * Topic names of protocol version 1.
 *
 * <pre>
 * vpp/v1/d/{device}/{channel}                 a device speaking for itself
 * vpp/v1/c/{cloud}/d/{device}/{channel}       a device cloud, for a device whose id is "{cloud}:…"
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

  private static boolean validId(String s, int from, int to) {
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
