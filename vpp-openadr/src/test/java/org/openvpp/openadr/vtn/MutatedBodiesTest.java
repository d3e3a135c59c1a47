package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every top-level field of a valid body of each type, removed or replaced by a value of each JSON
 * type, posted to the VTN: the answer is always one the definition gives (checked by {@link Api}),
 * a 400 whenever the mutated body breaks the request schema, and never a 500.
 */
class MutatedBodiesTest {

  private static final VtnFixture VTN = new VtnFixture();
  private static final Receiver RECEIVER = new Receiver(0);

  @AfterAll
  static void stop() {
    RECEIVER.close();
    VTN.close();
  }

  private static final List<JsonNode> VALUES =
      List.of(
          JsonNodeFactory.instance.nullNode(),
          JsonNodeFactory.instance.numberNode(7),
          JsonNodeFactory.instance.textNode(""),
          JsonNodeFactory.instance.textNode("x y"),
          JsonNodeFactory.instance.booleanNode(true),
          JsonNodeFactory.instance.arrayNode().add(1),
          JsonNodeFactory.instance.objectNode().put("a", 1));

  @Test
  void mutatedBodiesNeverFailTheVtn() {
    String program =
        VTN.api.call("POST", "/programs", "", VTN.blToken, Bodies.program("base")).text("id");
    String event =
        VTN.api.call("POST", "/events", "", VTN.blToken, Bodies.event(program)).text("id");
    String ven =
        VTN.api.call("POST", "/vens", "", VTN.ven1Token, Bodies.venByVen("base-ven")).text("id");
    record Case(String path, String schema, String token, ObjectNode body) {}
    List<Case> cases =
        List.of(
            new Case("/programs", "programRequest", VTN.blToken, Bodies.program("m")),
            new Case("/events", "eventRequest", VTN.blToken, Bodies.event(program)),
            new Case("/reports", "reportRequest", VTN.ven1Token, Bodies.report(event, "c")),
            new Case(
                "/subscriptions",
                "subscriptionRequest",
                VTN.ven1Token,
                Bodies.subscription("c", RECEIVER.url().toString(), "[\"EVENT\"]")),
            new Case("/vens", "venRequest", VTN.ven1Token, Bodies.venByVen("m-ven")),
            new Case(
                "/resources", "resourceRequest", VTN.ven1Token, Bodies.resourceByVen("m-r", ven)));
    int posted = 0;
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (Case c : cases) {
      List<String> fields = new ArrayList<>();
      c.body().fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        List<ObjectNode> mutants = new ArrayList<>();
        ObjectNode removed = c.body().deepCopy();
        removed.remove(field);
        mutants.add(removed);
        for (JsonNode v : VALUES) {
          mutants.add(c.body().deepCopy().set(field, v));
        }
        for (ObjectNode m : mutants) {
          // Names must stay unique across the cases that are valid.
          n++;
          for (Map.Entry<String, String> name :
              Map.of("programName", "m" + n, "venName", "v" + n, "resourceName", "r" + n)
                  .entrySet()) {
            if (m.path(name.getKey()).isTextual() && !m.path(name.getKey()).asText().isEmpty()) {
              m.put(name.getKey(), name.getValue());
            }
          }
          boolean valid = Api.DEFINITION.validate(c.schema(), m).isEmpty();
          Api.Response r = VTN.api.call("POST", c.path(), "", "", c.token(), m, false);
          posted++;
          if (r.status() == 500 || (!valid && r.status() != 400)) {
            failures.add(c.path() + " " + m + " -> " + r.status() + " " + r.body());
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(posted).isGreaterThan(150);
  }
}
