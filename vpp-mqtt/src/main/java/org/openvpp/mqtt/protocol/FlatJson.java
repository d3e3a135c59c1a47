package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of flat JSON objects (RFC 8259): keys to strings, numbers, {@code true} or {@code
 * false}; nesting, {@code null}, repeated keys and trailing data are refused with a message that
 * says where. For the protocol's low-rate payloads (acknowledgements, births); telemetry has its
 * own allocation-free reader.
 */
final class FlatJson {
  private final String text;
  private int pos;

  private FlatJson(String text) {
    this.text = text;
  }

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
    FlatJson p = new FlatJson(new String(payload, StandardCharsets.UTF_8));
    return p.object();
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    space();
    expect('{');
    space();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        space();
        String key = string();
        if (out.containsKey(key)) {
          throw fail("key \"" + key + "\" repeated");
        }
        space();
        expect(':');
        space();
        out.put(key, value());
        space();
        if (peek() == ',') {
          pos++;
          continue;
        }
        expect('}');
        break;
      }
    }
    space();
    if (pos != text.length()) {
      throw fail("data after the object");
    }
    return out;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return false;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    throw fail("a string, number, true or false expected");
  }

  private Double number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (!digits()) {
      throw fail("digits expected");
    }
    if (peek() == '.') {
      pos++;
      if (!digits()) {
        throw fail("digits expected after '.'");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!digits()) {
        throw fail("digits expected in the exponent");
      }
    }
    return Double.parseDouble(text.substring(start, pos));
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw fail("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw fail("control character in a string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw fail("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw fail("short \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException x) {
            throw fail("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw fail("bad escape \\" + e);
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail("'" + c + "' expected");
    }
    pos++;
  }

  private void space() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException fail(String what) {
    return new IllegalArgumentException(what + " at character " + pos);
  }
}
