package org.openvpp.mqtt.protocol;

import java.util.Map;

/**
 * Flat JSON objects (keys to strings, numbers, {@code true} or {@code false}) of at most {@link
 * Topics#MAX_PAYLOAD} bytes with a known set of keys: births, statuses, acknowledgements. Read by
 * the strict {@link Json} reader, one level deep.
 */
final class FlatJson {
  private FlatJson() {}

  /**
   * A payload read against the protocol's limits and a set of allowed keys.
   *
   * @param verdict {@link Verdict#ACCEPTED}, or {@code OVERSIZED} or {@code MALFORMED}
   * @param members the members when accepted, else empty
   * @param problem what was wrong, for the log; empty when accepted
   */
  record Checked(Verdict verdict, Map<String, Object> members, String problem) {}

  /** Reads {@code payload} as a flat object of at most the protocol's size and only these keys. */
  static Checked parse(byte[] payload, java.util.Set<String> allowed) {
    if (payload.length > Topics.MAX_PAYLOAD) {
      return new Checked(Verdict.OVERSIZED, Map.of(), payload.length + " bytes");
    }
    Map<String, Object> m;
    try {
      m = parse(payload);
    } catch (IllegalArgumentException e) {
      return new Checked(Verdict.MALFORMED, Map.of(), String.valueOf(e.getMessage()));
    }
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        return new Checked(Verdict.MALFORMED, Map.of(), "unknown key \"" + k + "\"");
      }
    }
    return new Checked(Verdict.ACCEPTED, m, "");
  }

  /**
   * The object's members in order: {@link String}, {@link Double} or {@link Boolean} values.
   *
   * @throws IllegalArgumentException when the payload is not such an object
   */
  static Map<String, Object> parse(byte[] payload) {
    if (!(Json.read(payload, 1) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    @SuppressWarnings("unchecked") // Json reads objects as Map<String, Object>
    Map<String, Object> members = (Map<String, Object>) m;
    return members;
  }
}
