package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The search parameters of the definition, each given alone and together (additive). */
class FiltersTest {

  private static final VtnFixture VTN = new VtnFixture();
  private static final Receiver RECEIVER = new Receiver(0);
  private static final Api API = VTN.api;

  @AfterAll
  static void stop() {
    RECEIVER.close();
    VTN.close();
  }

  private static List<String> names(String template, String query, String field) {
    Api.Response r = API.call("GET", template, "", query, VTN.blToken, null, true);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode n : r.body()) {
      out.add(n.path(field).asText());
    }
    return out;
  }

  @Test
  void everyParameterFilters() {
    String p1 =
        API.call("POST", "/programs", "", VTN.blToken, Bodies.program("f-p1", "t1")).text("id");
    String p2 =
        API.call("POST", "/programs", "", VTN.blToken, Bodies.program("f-p2", "t2")).text("id");
    ObjectNode e1 = Bodies.event(p1);
    e1.put("eventName", "e1");
    String ev1 = API.call("POST", "/events", "", VTN.blToken, e1).text("id");
    ObjectNode e2 = Bodies.event(p2, "t2");
    e2.put("eventName", "e2");
    String ev2 = API.call("POST", "/events", "", VTN.blToken, e2).text("id");

    assertThat(names("/programs", "targets=t2", "programName")).containsExactly("f-p2");
    assertThat(names("/programs", "targets=t1&targets=t2", "programName"))
        .containsExactly("f-p1", "f-p2");
    assertThat(names("/events", "programID=" + p1, "eventName")).containsExactly("e1");
    assertThat(names("/events", "programID=" + p1 + "&targets=t2", "eventName")).isEmpty();
    assertThat(names("/events", "targets=t2", "eventName")).containsExactly("e2");

    String v1 =
        API.call(
                "POST", "/vens", "", VTN.blToken, Bodies.venByBl("f-v1", VTN.ven1.clientId(), "t1"))
            .text("id");
    String v2 =
        API.call(
                "POST", "/vens", "", VTN.blToken, Bodies.venByBl("f-v2", VTN.ven2.clientId(), "t2"))
            .text("id");
    assertThat(names("/vens", "venName=f-v2", "id")).containsExactly(v2);
    assertThat(names("/vens", "targets=t1", "id")).containsExactly(v1);

    API.call("POST", "/resources", "", VTN.ven1Token, Bodies.resourceByVen("meter", v1));
    API.call("POST", "/resources", "", VTN.ven2Token, Bodies.resourceByVen("meter", v2));
    API.call("POST", "/resources", "", VTN.ven2Token, Bodies.resourceByVen("battery", v2));
    assertThat(names("/resources", "resourceName=meter", "venID")).containsExactly(v1, v2);
    assertThat(names("/resources", "venID=" + v2, "resourceName"))
        .containsExactly("meter", "battery");
    assertThat(names("/resources", "venID=" + v2 + "&resourceName=battery", "resourceName"))
        .containsExactly("battery");

    API.call("POST", "/reports", "", VTN.ven1Token, Bodies.report(ev1, "one"));
    API.call("POST", "/reports", "", VTN.ven2Token, Bodies.report(ev2, "two"));
    assertThat(names("/reports", "eventID=" + ev2, "clientName")).containsExactly("two");
    assertThat(names("/reports", "programID=" + p1, "clientName")).containsExactly("one");
    assertThat(names("/reports", "programID=" + p1 + "&clientName=two", "clientName")).isEmpty();

    String url = RECEIVER.url().toString();
    ObjectNode s1 = Bodies.subscription("sub-a", url, "[\"EVENT\"]");
    s1.put("programID", p1);
    API.call("POST", "/subscriptions", "", VTN.blToken, s1);
    API.call(
        "POST",
        "/subscriptions",
        "",
        VTN.blToken,
        Bodies.subscription("sub-b", url, "[\"REPORT\",\"VEN\"]"));
    assertThat(names("/subscriptions", "objects=VEN", "clientName")).containsExactly("sub-b");
    assertThat(names("/subscriptions", "programID=" + p1, "clientName")).containsExactly("sub-a");
    assertThat(names("/subscriptions", "clientName=sub-b&objects=EVENT", "clientName")).isEmpty();
    assertThat(
            API.call("GET", "/subscriptions", "", "objects=THING", VTN.blToken, null, true)
                .status())
        .isEqualTo(400);
  }

  @Test
  void deletingAVenDeletesItsResources() {
    String v = API.call("POST", "/vens", "", VTN.ven1Token, Bodies.venByVen("cascade")).text("id");
    String r =
        API.call("POST", "/resources", "", VTN.ven1Token, Bodies.resourceByVen("r", v)).text("id");
    assertThat(API.call("DELETE", "/vens/{venID}", v, VTN.ven1Token, null).status()).isEqualTo(200);
    assertThat(API.call("GET", "/resources/{resourceID}", r, VTN.blToken, null).status())
        .isEqualTo(404);
  }
}
