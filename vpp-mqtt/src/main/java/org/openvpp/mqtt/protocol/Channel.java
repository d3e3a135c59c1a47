package org.openvpp.mqtt.protocol;

/** What a device topic carries: its last segment. */
public enum Channel {
  BIRTH("birth"),
  STATUS("status"),
  TELEMETRY("telemetry"),
  COMMAND("cmd"),
  ACK("ack");

  private final String segment;

  Channel(String segment) {
    this.segment = segment;
  }

  /** The topic segment, such as {@code telemetry}. */
  public String segment() {
    return segment;
  }
}
