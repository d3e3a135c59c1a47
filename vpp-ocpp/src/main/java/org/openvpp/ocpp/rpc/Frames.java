package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes OCPP-J frames.
 *
 * <p>Design note. {@link #parse} is total: any string gives a {@link Frame} or a {@link Refusal},
 * never an exception, because one charger's garbage must not end its connection nor touch the
 * others. The JSON is read strictly (no duplicate keys, nothing after the array, Jackson's limits
 * on nesting and number length); the frame's shape is checked here, the payload against the
 * action's schema by {@link Schemas}. A text over the limit is not parsed at all: its message id is
 * read from its first characters when it can be, so the CALLERROR can name it. Stateless and
 * thread-safe.
 */
public final class Frames {
  /** The longest message id OCPP allows. */
  public static final int MAX_MESSAGE_ID = 36;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Pattern HEAD =
      Pattern.compile("^\\s*\\[\\s*([234])\\s*,\\s*\"([^\"\\\\]{1,36})\"");

  private Frames() {}

  /**
   * The frame {@code text} holds, or why it holds none.
   *
   * @param maxChars the longest text read; a longer one is refused as {@link Problem#OVERSIZED}
   */
  public static Parsed parse(String text, int maxChars) {
    if (text.length() > maxChars) {
      Matcher head = HEAD.matcher(text.substring(0, Math.min(text.length(), 64)));
      boolean known = head.find();
      return new Refusal(
          known ? head.group(2) : Refusal.UNKNOWN_ID,
          known ? Integer.parseInt(head.group(1)) : 0,
          Problem.OVERSIZED,
          "message of " + text.length() + " characters, over the limit of " + maxChars);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JacksonException | RuntimeException e) {
      return refuse(Problem.NOT_JSON, "not JSON: " + firstLine(e.getMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      return refuse(Problem.NOT_JSON, "not JSON: empty message");
    }
    if (!(tree instanceof ArrayNode array)) {
      return refuse(Problem.BAD_FRAME, "not a JSON array but " + kind(tree));
    }
    return frame(array);
  }

  private static Parsed frame(ArrayNode a) {
    if (a.isEmpty() || !a.get(0).isIntegralNumber() || !a.get(0).canConvertToInt()) {
      return refuse(Problem.BAD_FRAME, "the first element is not a message type id (2, 3 or 4)");
    }
    int type = a.get(0).intValue();
    JsonNode id = a.size() > 1 ? a.get(1) : JsonNodeFactory.instance.missingNode();
    String idOrUnknown = validId(id) ? id.textValue() : Refusal.UNKNOWN_ID;
    if (type != Call.TYPE && type != CallResult.TYPE && type != CallError.TYPE) {
      return new Refusal(
          idOrUnknown,
          0,
          Problem.UNKNOWN_MESSAGE_TYPE,
          "message type " + type + " is none of 2 (CALL), 3 (CALLRESULT), 4 (CALLERROR)");
    }
    if (!validId(id)) {
      return new Refusal(
          Refusal.UNKNOWN_ID,
          type,
          Problem.BAD_MESSAGE_ID,
          "the message id is not a string of 1 to " + MAX_MESSAGE_ID + " characters");
    }
    String messageId = id.textValue();
    return switch (type) {
      case Call.TYPE -> call(a, messageId);
      case CallResult.TYPE -> result(a, messageId);
      default -> error(a, messageId);
    };
  }

  private static Parsed call(ArrayNode a, String id) {
    if (a.size() != 4) {
      return new Refusal(
          id, Call.TYPE, Problem.BAD_FRAME, "a CALL has 4 elements, this one " + a.size());
    }
    if (!a.get(2).isTextual() || a.get(2).textValue().isEmpty()) {
      return new Refusal(id, Call.TYPE, Problem.BAD_FRAME, "the action is not a non-empty string");
    }
    if (!(a.get(3) instanceof ObjectNode payload)) {
      return new Refusal(
          id,
          Call.TYPE,
          Problem.PAYLOAD_NOT_OBJECT,
          "the payload is " + kind(a.get(3)) + ", not an object");
    }
    return new Call(id, a.get(2).textValue(), payload);
  }

  private static Parsed result(ArrayNode a, String id) {
    if (a.size() != 3) {
      return new Refusal(
          id,
          CallResult.TYPE,
          Problem.BAD_FRAME,
          "a CALLRESULT has 3 elements, this one " + a.size());
    }
    if (!(a.get(2) instanceof ObjectNode payload)) {
      return new Refusal(
          id,
          CallResult.TYPE,
          Problem.PAYLOAD_NOT_OBJECT,
          "the payload is " + kind(a.get(2)) + ", not an object");
    }
    return new CallResult(id, payload);
  }

  private static Parsed error(ArrayNode a, String id) {
    if (a.size() != 5) {
      return new Refusal(
          id,
          CallError.TYPE,
          Problem.BAD_FRAME,
          "a CALLERROR has 5 elements, this one " + a.size());
    }
    if (!a.get(2).isTextual()
        || a.get(2).textValue().isEmpty()
        || !a.get(3).isTextual()
        || !(a.get(4) instanceof ObjectNode details)) {
      return new Refusal(
          id,
          CallError.TYPE,
          Problem.BAD_FRAME,
          "a CALLERROR holds a code, a description and an object of details");
    }
    return new CallError(id, a.get(2).textValue(), a.get(3).textValue(), details);
  }

  /** The text of {@code frame} on the wire. */
  public static String encode(Frame frame) {
    ArrayNode a = JSON.createArrayNode();
    a.add(frame.messageType());
    a.add(frame.messageId());
    switch (frame) {
      case Call c -> {
        a.add(c.action());
        a.add(c.payload());
      }
      case CallResult r -> a.add(r.payload());
      case CallError e -> {
        a.add(e.code());
        a.add(e.description());
        a.add(e.details());
      }
    }
    return a.toString();
  }

  /** Reads a JSON object (for payloads built as text, such as in tests and examples). */
  public static ObjectNode object(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n instanceof ObjectNode o) {
        return o;
      }
      throw new IllegalArgumentException("not a JSON object: " + json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static void checkMessageId(String id) {
    if (id.isEmpty() || id.length() > MAX_MESSAGE_ID) {
      throw new IllegalArgumentException(
          "a message id has 1 to " + MAX_MESSAGE_ID + " characters, not " + id.length());
    }
  }

  private static boolean validId(JsonNode id) {
    return id.isTextual() && !id.textValue().isEmpty() && id.textValue().length() <= MAX_MESSAGE_ID;
  }

  private static Refusal refuse(Problem problem, String description) {
    return new Refusal(Refusal.UNKNOWN_ID, 0, problem, description);
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "nothing";
    };
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
