package org.openvpp.mqtt.protocol;

import java.util.Locale;

/** What became of a message: accepted, or the one reason it was refused. */
public enum Verdict {
  ACCEPTED,
  /** Payload over {@link Topics#MAX_PAYLOAD} bytes. */
  OVERSIZED,
  /** Not a JSON object of the protocol's shape: syntax, nesting, unknown or repeated key, type. */
  MALFORMED,
  /** A required key is absent. */
  MISSING,
  /** A value outside its accepted range, or a time too far ahead. */
  OUT_OF_RANGE,
  /** Measured too long ago. */
  STALE,
  /** The same sequence number as the last accepted. */
  DUPLICATE,
  /** An older sequence number than the last accepted. */
  OUT_OF_ORDER,
  /** The topic names a device that is not registered. */
  UNKNOWN_DEVICE,
  /** A topic outside the protocol. */
  BAD_TOPIC;

  /** The name used in logs, metrics and the protocol document, such as {@code out_of_range}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
