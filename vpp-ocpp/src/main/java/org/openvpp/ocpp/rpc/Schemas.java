package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The OCPP JSON schemas of both versions, compiled once, and the check of a payload against its
 * action's request or response schema.
 *
 * <p>Design note. The schemas are read from a folder ({@code 1.6/} and {@code 2.0.1/} as the Open
 * Charge Alliance publishes them) rather than shipped in this module, whose licence notes do not
 * cover them (docs/ocpp.md). 1.6 names a request schema {@code Action.json}, 2.0.1 {@code
 * ActionRequest.json}; both name the response {@code ActionResponse.json}. The 1.6 schemas declare
 * no dialect and are read as draft 4; the 2.0.1 ones declare draft 6. A violation is classified by
 * the schema keyword it breaks, the first of: {@code type} ({@link Problem#WRONG_TYPE}), {@code
 * required}, {@code minItems}, {@code maxItems} ({@link Problem#OCCURRENCE}), {@code
 * additionalProperties} ({@link Problem#UNKNOWN_FIELD}), anything else ({@link Problem#BAD_VALUE}).
 * Immutable after loading; thread-safe.
 */
public final class Schemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Action(Schema request, Schema response) {}

  private final Map<OcppVersion, Map<String, Action>> actions;

  private Schemas(Map<OcppVersion, Map<String, Action>> actions) {
    this.actions = actions;
  }

  /**
   * Loads and compiles every schema under {@code root}, which holds a folder per version.
   *
   * @throws IllegalArgumentException when a version's folder is missing or holds no schemas
   * @throws UncheckedIOException when a file cannot be read
   */
  public static Schemas load(Path root) {
    Map<OcppVersion, Map<String, Action>> all = new EnumMap<>(OcppVersion.class);
    for (OcppVersion v : OcppVersion.values()) {
      all.put(v, loadVersion(root.resolve(v.number()), v));
    }
    return new Schemas(all);
  }

  private static Map<String, Action> loadVersion(Path dir, OcppVersion version) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no OCPP " + version.number() + " schemas: " + dir + " is not a folder");
    }
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            version == OcppVersion.V1_6
                ? SpecificationVersion.DRAFT_4
                : SpecificationVersion.DRAFT_6);
    Map<String, Schema> byName = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          JsonNode tree = JSON.readTree(f.toFile());
          byName.put(name.substring(0, name.length() - ".json".length()), registry.getSchema(tree));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OCPP schemas in " + dir, e);
    }
    String requestSuffix = version == OcppVersion.V1_6 ? "" : "Request";
    Map<String, Action> out = new TreeMap<>();
    byName.forEach(
        (name, schema) -> {
          if (name.endsWith("Response")) {
            String action = name.substring(0, name.length() - "Response".length());
            Schema request = byName.get(action + requestSuffix);
            if (request != null) {
              out.put(action, new Action(request, schema));
            }
          }
        });
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no OCPP " + version.number() + " schemas (request and response pairs) in " + dir);
    }
    return Map.copyOf(out);
  }

  private Map<String, Action> of(OcppVersion version) {
    return Objects.requireNonNull(actions.get(version), "every version is loaded");
  }

  /**
   * Whether {@code action} is one of {@code version}'s (it has a request and a response schema).
   */
  public boolean knows(OcppVersion version, String action) {
    return of(version).containsKey(action);
  }

  /** The actions of {@code version}, sorted. */
  public Set<String> actions(OcppVersion version) {
    return of(version).keySet().stream()
        .sorted()
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * The violation of {@code action}'s request schema by {@code payload}, if any.
   *
   * @throws IllegalArgumentException when the version has no such action ({@link #knows})
   */
  public Optional<Violation> checkRequest(OcppVersion version, String action, JsonNode payload) {
    return check(action(version, action).request(), payload);
  }

  /**
   * The violation of {@code action}'s response schema by {@code payload}, if any.
   *
   * @throws IllegalArgumentException when the version has no such action ({@link #knows})
   */
  public Optional<Violation> checkResponse(OcppVersion version, String action, JsonNode payload) {
    return check(action(version, action).response(), payload);
  }

  private Action action(OcppVersion version, String action) {
    Action a = of(version).get(action);
    if (a == null) {
      throw new IllegalArgumentException(action + " is not an " + version + " action");
    }
    return a;
  }

  private static Optional<Violation> check(Schema schema, JsonNode payload) {
    List<Error> errors = schema.validate(payload);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Problem worst = Problem.BAD_VALUE;
    for (Error e : errors) {
      String keyword = e.getKeyword();
      Problem p = problem(keyword == null ? "" : keyword);
      if (rank(p) < rank(worst)) {
        worst = p;
      }
    }
    String description =
        errors.stream().map(Error::getMessage).distinct().collect(Collectors.joining("; "));
    return Optional.of(new Violation(worst, description));
  }

  private static Problem problem(String keyword) {
    return switch (keyword) {
      case "type" -> Problem.WRONG_TYPE;
      case "required", "minItems", "maxItems" -> Problem.OCCURRENCE;
      case "additionalProperties" -> Problem.UNKNOWN_FIELD;
      default -> Problem.BAD_VALUE;
    };
  }

  private static int rank(Problem p) {
    return switch (p) {
      case WRONG_TYPE -> 0;
      case OCCURRENCE -> 1;
      case UNKNOWN_FIELD -> 2;
      default -> 3;
    };
  }

  /** A payload's violation of its schema: the problem it is refused for, and every message. */
  public record Violation(Problem problem, String description) {}
}
