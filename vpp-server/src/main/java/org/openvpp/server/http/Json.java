package org.openvpp.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;
import java.util.TreeSet;

/**
 * JSON in and out: answers are view records serialised as they are (an empty {@code Optional} is
 * left out, times are ISO 8601); request bodies are read strictly into records: an unknown field, a
 * missing required one (any that is not an {@code Optional}), a wrong type (a number as a string or
 * the other way, a fraction for a whole number), a repeated key or anything after the object is a
 * 400 that names the field.
 */
final class Json {
  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    JsonMapper m =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    for (CoercionInputShape shape :
        new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
      m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    for (LogicalType t :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    return m;
  }

  /** Writes {@code value} as JSON text. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads {@code text} as a {@code type}.
   *
   * @throws ApiError 400 saying which field was wrong and how
   */
  static <T> T read(byte[] text, Class<T> type) {
    try {
      T t = MAPPER.readValue(text, type);
      if (t == null) {
        throw ApiError.badRequest("the body must be a JSON object, was null");
      }
      return t;
    } catch (UnrecognizedPropertyException e) {
      TreeSet<String> known = new TreeSet<>();
      Objects.requireNonNullElse(e.getKnownPropertyIds(), java.util.List.of())
          .forEach(k -> known.add(String.valueOf(k)));
      throw ApiError.badRequest(
          "unknown field '" + path(e) + "'; this body takes " + String.join(", ", known));
    } catch (InvalidNullException e) {
      throw ApiError.badRequest("the body needs the field '" + path(e) + "' (not null)");
    } catch (ValueInstantiationException e) {
      Throwable why = Objects.requireNonNullElse(e.getCause(), e);
      throw ApiError.badRequest(String.valueOf(why.getMessage()));
    } catch (MismatchedInputException e) {
      String where = path(e);
      if (where.isEmpty()) {
        throw ApiError.badRequest("the body must be one JSON object with this endpoint's fields");
      }
      Class<?> target = e.getTargetType();
      throw ApiError.badRequest(
          "the field '"
              + where
              + "' must be "
              + (target == null ? "of another type" : describe(target))
              + (e instanceof InvalidFormatException f ? ", was '" + f.getValue() + "'" : ""));
    } catch (JsonMappingException e) {
      String where = path(e);
      throw ApiError.badRequest(
          (where.isEmpty() ? "the body: " : "the field '" + where + "': ")
              + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(
          "the body is not JSON: "
              + firstLine(e.getOriginalMessage())
              + " (send one JSON object, Content-Type application/json)");
    } catch (IOException e) {
      throw ApiError.badRequest("the body could not be read: " + e.getMessage());
    }
  }

  /** What a value of {@code type} looks like in JSON, for messages. */
  static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == java.time.Instant.class) {
      return "an ISO 8601 instant such as 2026-07-01T17:00:00Z";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Where in the body a mapping failed: {@code limits.seasonStart}, {@code deviceIds[0]}. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
