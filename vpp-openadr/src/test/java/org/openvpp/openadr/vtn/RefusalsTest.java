package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Negative cases: missing, bad and expired tokens, wrong scopes, malformed and schema-invalid
 * objects, unknown ids, duplicate names, bad query parameters, and objects a VEN may not see. Every
 * answer is checked by {@link Api} against the status and {@code problem} body the definition
 * gives.
 */
class RefusalsTest {

  private static final VtnFixture VTN = new VtnFixture();
  private static final Api API = VTN.api;

  @AfterAll
  static void stop() {
    VTN.close();
  }

  private static Api.Response get(String template, String id, String token) {
    return API.call("GET", template, id, token, null);
  }

  @Test
  void noTokenIs401WithAProblem() {
    Api.Response r = get("/programs", "", "");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body().path("status").asInt()).isEqualTo(401);
    assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void aForgedTokenIs401() {
    assertThat(get("/programs", "", "not-a-jwt").status()).isEqualTo(401);
    String[] parts = VTN.blToken.split("\\.", -1);
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"sub\":\"someone\",\"scope\":\"read_all\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(get("/programs", "", tampered).status()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIs401() {
    try (VtnFixture short_ =
        new VtnFixture(VtnConfig.onPort(0).withTokenLifetime(Duration.ofMinutes(5)))) {
      assertThat(short_.api.call("GET", "/programs", "", short_.blToken, null).status())
          .isEqualTo(200);
      short_.time.advance(Duration.ofMinutes(5));
      assertThat(short_.api.call("GET", "/programs", "", short_.blToken, null).status())
          .isEqualTo(401);
    }
  }

  @Test
  void aVenMayNotWritePrograms() {
    Api.Response r =
        API.call("POST", "/programs", "", VTN.ven1Token, Bodies.program("ven-program"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body().path("detail").asText()).contains("write_programs");
  }

  @Test
  void theBusinessLogicMayNotWriteReports() {
    assertThat(API.call("POST", "/reports", "", VTN.blToken, Bodies.report("e1", "bl")).status())
        .isEqualTo(403);
  }

  @Test
  void aTokenWithFewerScopesIsHeldToThem() {
    Api.Response t =
        API.token(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                VTN.ven2.clientId(),
                "client_secret",
                VTN.ven2.clientSecret(),
                "scope",
                "read_targets"),
            "");
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.text("scope")).isEqualTo("read_targets");
    String narrow = t.text("access_token");
    assertThat(get("/programs", "", narrow).status()).isEqualTo(200);
    assertThat(API.call("POST", "/vens", "", narrow, Bodies.venByVen("narrow")).status())
        .isEqualTo(403);
  }

  @Test
  void tokenRequestErrors() {
    String id = VTN.ven1.clientId();
    String secret = VTN.ven1.clientSecret();
    Api.Response wrong =
        API.token(
            Map.of("grant_type", "client_credentials", "client_id", id, "client_secret", "x"), "");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.text("error")).isEqualTo("invalid_client");
    Api.Response grant =
        API.token(Map.of("grant_type", "password", "client_id", id, "client_secret", secret), "");
    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.text("error")).isEqualTo("unsupported_grant_type");
    Api.Response missing = API.token(Map.of("client_id", id), "");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("error")).isEqualTo("invalid_request");
    Api.Response scope =
        API.token(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                id,
                "client_secret",
                secret,
                "scope",
                "write_programs"),
            "");
    assertThat(scope.status()).isEqualTo(400);
    assertThat(scope.text("error")).isEqualTo("invalid_scope");
  }

  @Test
  void tokenByBasicAuthorization() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (VTN.bl.clientId() + ":" + VTN.bl.clientSecret()).getBytes(StandardCharsets.UTF_8));
    Api.Response r = API.token(Map.of("grant_type", "client_credentials"), basic);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("token_type")).isEqualTo("Bearer");
    assertThat(r.body().path("expires_in").asLong()).isEqualTo(3600);
    assertThat(get("/programs", "", r.text("access_token")).status()).isEqualTo(200);
  }

  @Test
  void malformedJsonIs400() {
    Api.Response r = API.raw("POST", "/programs", VTN.blToken, "{\"programName\": ");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("detail").asText()).contains("not JSON");
    assertThat(API.raw("POST", "/programs", VTN.blToken, "[1,2]").status()).isEqualTo(400);
  }

  @Test
  void schemaInvalidObjectsAre400() {
    Api.Response noName =
        API.call(
            "POST", "/programs", "", "", VTN.blToken, Api.object("{\"targets\":[\"a\"]}"), false);
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().path("detail").asText()).contains("programName");
    Api.Response badDuration =
        API.call(
            "POST",
            "/events",
            "",
            "",
            VTN.blToken,
            Api.object("{\"programID\":\"p1\",\"intervalPeriod\":{\"duration\":\"one hour\"}}"),
            false);
    assertThat(badDuration.status()).isEqualTo(400);
    Api.Response badCallback =
        API.call(
            "POST",
            "/subscriptions",
            "",
            "",
            VTN.ven1Token,
            Api.object(
                "{\"clientName\":\"c\",\"objectOperations\":[{\"objects\":[\"NOTHING\"],\"operations\":[\"CREATE\"],\"callbackUrl\":\"http://x\"}]}"),
            false);
    assertThat(badCallback.status()).isEqualTo(400);
  }

  @Test
  void unknownIdsAre404AndBadIds400() {
    for (String template :
        new String[] {
          "/programs/{programID}",
          "/events/{eventID}",
          "/reports/{reportID}",
          "/subscriptions/{subscriptionID}",
          "/vens/{venID}",
          "/resources/{resourceID}"
        }) {
      assertThat(get(template, "no-such-id", VTN.blToken).status()).as(template).isEqualTo(404);
      assertThat(API.call("DELETE", template, "no-such-id", VTN.blToken, null).status())
          .as(template)
          .isIn(404, 403);
    }
    assertThat(get("/programs/{programID}", "bad%20id", VTN.blToken).status()).isEqualTo(400);
    assertThat(
            API.call("PUT", "/programs/{programID}", "no-such-id", VTN.blToken, Bodies.program("x"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void anUnknownPathIs404WithAProblem() throws Exception {
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(VTN.vtn.baseUrl() + "/nothing"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Api.DEFINITION.validate("problem", Api.JSON.readTree(r.body()))).isEmpty();
    assertThat(Api.JSON.readTree(r.body()).path("status").asInt()).isEqualTo(404);
  }

  @Test
  void aVtnWhoseBrokerIsUnreachableDoesNotStart() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    VtnConfig config =
        VtnConfig.onPort(0).withMqtt(java.net.URI.create("tcp://127.0.0.1:" + closed), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Vtn.start(config, VTN.clients, new InMemoryVtnRepository(), VTN.time))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MQTT notifier");
  }

  @Test
  void aCallbackThatDoesNotEchoTheChallengeIsRefused() throws Exception {
    com.sun.net.httpserver.HttpServer silent =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    silent.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    silent.start();
    try {
      String url = "http://127.0.0.1:" + silent.getAddress().getPort() + "/hook";
      Api.Response r =
          API.call(
              "POST",
              "/subscriptions",
              "",
              VTN.ven1Token,
              Bodies.subscription("c", url, "[\"EVENT\"]"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body().path("detail").asText()).contains("echo");
    } finally {
      silent.stop(0);
    }
  }

  @Test
  void aStrictVtnRefusesPlainHttpAndPrivateCallbacks() {
    try (VtnFixture strict = new VtnFixture(VtnConfig.onPort(0));
        Receiver receiver = new Receiver(0)) {
      Api.Response http =
          strict.api.call(
              "POST",
              "/subscriptions",
              "",
              strict.ven1Token,
              Bodies.subscription("c", receiver.url().toString(), "[\"EVENT\"]"));
      assertThat(http.status()).isEqualTo(400);
      assertThat(http.body().path("detail").asText()).contains("https");
      Api.Response local =
          strict.api.call(
              "POST",
              "/subscriptions",
              "",
              strict.ven1Token,
              Bodies.subscription("c", "https://127.0.0.1:8443/hook", "[\"EVENT\"]"));
      assertThat(local.status()).isEqualTo(400);
      assertThat(local.body().path("detail").asText()).contains("private address");
    }
  }

  @Test
  void resourcesOfAnUnknownVenAre404() {
    assertThat(
            API.call("GET", "/resources", "", "venID=no-such-ven", VTN.blToken, null, true)
                .status())
        .isEqualTo(404);
  }

  @Test
  void duplicateNamesAre409() {
    assertThat(API.call("POST", "/programs", "", VTN.blToken, Bodies.program("unique")).status())
        .isEqualTo(201);
    Api.Response again = API.call("POST", "/programs", "", VTN.blToken, Bodies.program("unique"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("title").asText()).isEqualTo("Conflict");
    assertThat(API.call("POST", "/vens", "", VTN.ven1Token, Bodies.venByVen("same-name")).status())
        .isEqualTo(201);
    assertThat(API.call("POST", "/vens", "", VTN.ven2Token, Bodies.venByVen("same-name")).status())
        .isEqualTo(409);
  }

  @Test
  void anEventOfAnUnknownProgramIs409() {
    assertThat(API.call("POST", "/events", "", VTN.blToken, Bodies.event("no-program")).status())
        .isEqualTo(409);
  }

  @Test
  void badPagingIs400() {
    assertThat(API.call("GET", "/programs", "", "limit=51", VTN.blToken, null, true).status())
        .isEqualTo(400);
    assertThat(API.call("GET", "/programs", "", "skip=-1", VTN.blToken, null, true).status())
        .isEqualTo(400);
    assertThat(API.call("GET", "/programs", "", "limit=ten", VTN.blToken, null, true).status())
        .isEqualTo(400);
  }

  @Test
  void pagingSkipsAndLimits() {
    try (VtnFixture v = new VtnFixture()) {
      for (int i = 0; i < 7; i++) {
        v.api.call("POST", "/programs", "", v.blToken, Bodies.program("p" + i));
      }
      var page = v.api.call("GET", "/programs", "", "skip=2&limit=3", v.blToken, null, true).body();
      assertThat(page.size()).isEqualTo(3);
      assertThat(page.get(0).path("programName").asText()).isEqualTo("p2");
      assertThat(v.api.call("GET", "/programs", "", "skip=6", v.blToken, null, true).body().size())
          .isEqualTo(1);
    }
  }

  @Test
  void aVenSeesNeitherAnotherVensObjectsNorWritesTargets() {
    String mine =
        API.call("POST", "/vens", "", VTN.ven1Token, Bodies.venByVen("private-1")).text("id");
    assertThat(get("/vens/{venID}", mine, VTN.ven2Token).status()).isEqualTo(404);
    assertThat(API.call("DELETE", "/vens/{venID}", mine, VTN.ven2Token, null).status())
        .isEqualTo(404);
    assertThat(get("/vens", "", VTN.ven2Token).body().toString()).doesNotContain(mine);
    assertThat(
            API.call("POST", "/resources", "", VTN.ven2Token, Bodies.resourceByVen("r", mine))
                .status())
        .isEqualTo(404);
    Api.Response grantsItself =
        API.call(
            "POST",
            "/vens",
            "",
            VTN.ven2Token,
            Bodies.venByBl("private-2", VTN.ven2.clientId(), "everything"));
    assertThat(grantsItself.status()).isEqualTo(403);
  }

  @Test
  void aVenSeesTargetedProgramsOnlyThroughTargetsGrantedToIt() {
    try (VtnFixture v = new VtnFixture()) {
      String open =
          v.api.call("POST", "/programs", "", v.blToken, Bodies.program("open")).text("id");
      String closed =
          v.api
              .call(
                  "POST",
                  "/programs",
                  "",
                  v.blToken,
                  Bodies.program("closed", "group-9", "group-1"))
              .text("id");
      // Before any grant: the open program only.
      var seen = v.api.call("GET", "/programs", "", v.ven1Token, null).body();
      assertThat(seen.size()).isEqualTo(1);
      assertThat(seen.get(0).path("id").asText()).isEqualTo(open);
      assertThat(
              v.api
                  .call("GET", "/programs", "", "targets=group-1", v.ven1Token, null, true)
                  .body()
                  .size())
          .isZero();
      assertThat(v.api.call("GET", "/programs/{programID}", closed, v.ven1Token, null).status())
          .isEqualTo(404);
      // BL grants group-1 through a resource of the VEN's ven.
      String venId = v.api.call("POST", "/vens", "", v.ven1Token, Bodies.venByVen("v")).text("id");
      v.api.call(
          "POST",
          "/resources",
          "",
          v.blToken,
          Bodies.resourceByBl("meter", venId, v.ven1.clientId(), "group-1"));
      var targeted =
          v.api.call("GET", "/programs", "", "targets=group-1", v.ven1Token, null, true).body();
      assertThat(targeted.size()).isEqualTo(1);
      assertThat(targeted.get(0).path("targets").toString()).isEqualTo("[\"group-1\"]");
      assertThat(
              v.api
                  .call("GET", "/programs/{programID}", closed, v.ven1Token, null)
                  .body()
                  .path("targets")
                  .toString())
          .isEqualTo("[\"group-1\"]");
      // BL sees all targets.
      assertThat(
              v.api
                  .call("GET", "/programs/{programID}", closed, v.blToken, null)
                  .body()
                  .path("targets")
                  .size())
          .isEqualTo(2);
      // The other VEN still sees nothing targeted.
      assertThat(
              v.api
                  .call("GET", "/programs", "", "targets=group-1", v.ven2Token, null, true)
                  .body()
                  .size())
          .isZero();
    }
  }

  @Test
  void aVenReadsOnlyItsOwnReports() {
    try (VtnFixture v = new VtnFixture()) {
      String p = v.api.call("POST", "/programs", "", v.blToken, Bodies.program("p")).text("id");
      String e = v.api.call("POST", "/events", "", v.blToken, Bodies.event(p)).text("id");
      String r1 =
          v.api.call("POST", "/reports", "", v.ven1Token, Bodies.report(e, "one")).text("id");
      v.api.call("POST", "/reports", "", v.ven2Token, Bodies.report(e, "two"));
      assertThat(v.api.call("GET", "/reports", "", v.ven1Token, null).body().size()).isEqualTo(1);
      assertThat(v.api.call("GET", "/reports", "", v.blToken, null).body().size()).isEqualTo(2);
      assertThat(v.api.call("GET", "/reports/{reportID}", r1, v.ven2Token, null).status())
          .isEqualTo(404);
      assertThat(
              v.api
                  .call("GET", "/reports", "", "clientName=two", v.blToken, null, true)
                  .body()
                  .size())
          .isEqualTo(1);
    }
  }
}
