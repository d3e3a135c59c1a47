package org.openvpp.mqtt.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict reader of JSON (RFC 8259) for the protocol's low-rate payloads: births, statuses,
 * acknowledgements, meter readings and receipts, clock ticks. Telemetry has its own allocation-free
 * reader ({@link TelemetryDecoder}).
 *
 * <p>Values come back as {@link Map} (members in order), {@link List}, {@link String}, {@link
 * Double} or {@link Boolean}. Refused, with a message that says what and where: bytes that are not
 * UTF-8, {@code null} (no payload of the protocol has one), a repeated key, nesting deeper than the
 * caller allows, data after the value. The depth limit also bounds the recursion, so no payload can
 * exhaust the stack.
 */
final class Json {
  private final String text;
  private final int maxDepth;
  private int pos;

  private Json(String text, int maxDepth) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  /**
   * Reads {@code payload} as one JSON value with at most {@code maxDepth} levels of objects and
   * arrays (1: a flat object).
   *
   * @throws IllegalArgumentException when it is not one, saying why and at which character
   */
  static Object read(byte[] payload, int maxDepth) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8 text", e);
    }
    Json p = new Json(text, maxDepth);
    p.space();
    Object value = p.value(0);
    p.space();
    if (p.pos != text.length()) {
      throw p.fail("data after the value");
    }
    return value;
  }

  private Object value(int depth) {
    char c = peek();
    if (c == '{' || c == '[') {
      if (depth == maxDepth) {
        throw fail("nested deeper than " + maxDepth + " levels");
      }
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
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
    if (text.startsWith("null", pos)) {
      throw fail("null is not a value of this protocol");
    }
    throw fail("a value expected");
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++; // '{'
    space();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw fail("a key expected");
      }
      String key = string();
      if (out.containsKey(key)) {
        throw fail("key \"" + key + "\" repeated");
      }
      space();
      expect(':');
      space();
      out.put(key, value(depth));
      space();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect('}');
      return out;
    }
  }

  private List<Object> array(int depth) {
    List<Object> out = new ArrayList<>();
    pos++; // '['
    space();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      space();
      out.add(value(depth));
      space();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect(']');
      return out;
    }
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
          int code = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(text.charAt(pos + k), 16);
            if (d < 0) {
              throw fail("bad \\u escape");
            }
            code = code * 16 + d;
          }
          sb.append((char) code);
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

  /** {@code s} as a JSON string literal, quotes included. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Whether {@code v} is a whole number in {@code [min, max]} (a JSON number read as a double: at
   * most 2^53 is exact).
   */
  static boolean whole(@Nullable Object v, double min, double max) {
    return v instanceof Double d && d >= min && d <= max && d == Math.rint(d);
  }

  /** The number {@code m} has at {@code key}, or {@code NaN} when it has none there. */
  static double number(Map<?, ?> m, String key) {
    return m.get(key) instanceof Double d ? d : Double.NaN;
  }
}
