package org.openvpp.mqtt.protocol;

import java.util.Locale;

/**
 * What became of a device message (or of one report in a device cloud's batch): accepted, kept
 * late, or the one reason it was refused.
 */
public enum Verdict {
  ACCEPTED,
  /**
   * Well formed and valid, but late: an older sequence number than the last accepted, or measured
   * longer ago than the twins take. Kept in the telemetry history, not applied to the twin; not a
   * refusal.
   */
  LATE,
  /** Payload over the topic's limit ({@link Topics#MAX_PAYLOAD} bytes for a device's own). */
  OVERSIZED,
  /** Not a JSON object of the protocol's shape: syntax, nesting, unknown or repeated key, type. */
  MALFORMED,
  /** A required key is absent. */
  MISSING,
  /** A value outside its accepted range, or a time too far ahead. */
  OUT_OF_RANGE,
  /** Measured too long ago to keep even in the history (more than a week). */
  STALE,
  /** The same sequence number as the last accepted. */
  DUPLICATE,
  /** The topic (or a batch's {@code id}) names a device that is not registered. */
  UNKNOWN_DEVICE,
  /** A topic outside the protocol, or a batch's {@code id} outside the cloud's prefix. */
  BAD_TOPIC;

  /** The name used in logs, metrics and the protocol document, such as {@code out_of_range}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the message was refused: neither accepted nor kept late. */
  public boolean refused() {
    return this != ACCEPTED && this != LATE;
  }
}
