package org.openvpp.openadr.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenADR 3.1.1 OpenAPI definition ({@code openadr3-3.1.1.yaml}, Apache 2.0, OpenADR Alliance),
 * and validation of a JSON body against one of its component schemas.
 *
 * <p>Design note. The whole definition is registered with a JSON Schema registry (OpenAPI 3.0
 * dialect, so {@code nullable} is honoured) under one IRI, and a schema is fetched by JSON pointer
 * ({@code #/components/schemas/program}); the {@code $ref}s inside resolve against the same
 * document. One correction is made on load: the definition composes {@code ven} from {@code
 * objectMetadata} and {@code BlVenRequest}, which both require {@code objectType} but with disjoint
 * enums ({@code VEN} and {@code BL_VEN_REQUEST}), so no ven object could ever be valid; likewise
 * {@code resource}. The server's {@code ven} and {@code resource} are checked here against the BL
 * request schema without its {@code objectType}, the metadata keeping {@code VEN} or {@code
 * RESOURCE}. The discriminators of {@code notification.object} and of a program's {@code
 * payloadDescriptors} name no mapping, so by OpenAPI's rule their values ({@code PROGRAM}, {@code
 * EVENT_PAYLOAD_DESCRIPTOR}) would name schemas that do not exist; the mappings to the schemas
 * meant ({@code program}, {@code eventPayloadDescriptor}) are added. Schemas are compiled once and
 * cached; instances are thread-safe.
 */
public final class OpenAdrDefinition {

  private static final String IRI = "https://openvpp.org/openadr/openadr3-3.1.1.json";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenAdrDefinition(ObjectNode document) {
    this.document = document;
    String text;
    try {
      text = JSON.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(IRI, text)));
  }

  /** Loads the definition from this module's resources. */
  public static OpenAdrDefinition load() {
    try (InputStream in = OpenAdrDefinition.class.getResourceAsStream("openadr3-3.1.1.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openadr3-3.1.1.yaml is missing from the class path");
      }
      ObjectNode doc = (ObjectNode) YAML.readTree(in);
      correctServerObjects(doc);
      return new OpenAdrDefinition(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenADR definition", e);
    }
  }

  /** The definition as a JSON tree (a copy). */
  public ObjectNode document() {
    return document.deepCopy();
  }

  /**
   * Errors of {@code body} against the component schema {@code name} (for example {@code
   * programRequest}); empty when it is valid.
   */
  public List<String> validate(String name, JsonNode body) {
    return validatePointer("/components/schemas/" + name, body);
  }

  /**
   * Errors of {@code body} against the schema at the JSON pointer {@code pointer} of the definition
   * (for example {@code /paths/~1programs/get/responses/200/content/application~1json/schema}).
   */
  public List<String> validatePointer(String pointer, JsonNode body) {
    if (document.at(pointer).isMissingNode()) {
      throw new IllegalArgumentException("the definition has no schema at " + pointer);
    }
    Schema schema =
        schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)));
    return schema.validate(body).stream().map(e -> e.toString()).toList();
  }

  private static void correctServerObjects(ObjectNode doc) {
    ObjectNode components = (ObjectNode) doc.path("components").path("schemas");
    correct(components, "ven", "BlVenRequest");
    correct(components, "resource", "BlResourceRequest");
    ObjectNode object =
        (ObjectNode) components.path("notification").path("properties").path("object");
    map(
        object,
        Map.of(
            "PROGRAM", "program",
            "EVENT", "event",
            "REPORT", "report",
            "SUBSCRIPTION", "subscription",
            "VEN", "ven",
            "RESOURCE", "resource"));
    ObjectNode descriptors =
        (ObjectNode)
            components
                .path("programRequest")
                .path("properties")
                .path("payloadDescriptors")
                .path("items");
    map(
        descriptors,
        Map.of(
            "EVENT_PAYLOAD_DESCRIPTOR", "eventPayloadDescriptor",
            "REPORT_PAYLOAD_DESCRIPTOR", "reportPayloadDescriptor"));
  }

  private static void map(ObjectNode withDiscriminator, Map<String, String> valueToSchema) {
    ObjectNode mapping =
        ((ObjectNode) withDiscriminator.path("discriminator")).putObject("mapping");
    valueToSchema.forEach((value, schema) -> mapping.put(value, "#/components/schemas/" + schema));
  }

  private static void correct(ObjectNode components, String server, String blRequest) {
    ObjectNode request = ((ObjectNode) components.path(blRequest)).deepCopy();
    ((ObjectNode) request.path("properties")).remove("objectType");
    ArrayNode required = JSON.createArrayNode();
    request
        .path("required")
        .forEach(
            r -> {
              if (!r.asText().equals("objectType")) {
                required.add(r);
              }
            });
    request.set("required", required);
    String name = server + "ServerFields";
    components.set(name, request);
    ArrayNode allOf = (ArrayNode) components.path(server).path("allOf");
    allOf.set(1, JSON.createObjectNode().put("$ref", "#/components/schemas/" + name));
  }
}
