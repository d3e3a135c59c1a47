package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logging in, client tokens, one's password, accounts, and a person's sign-up. */
class AuthApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static World world;

  @BeforeAll
  static void start() {
    world = new World(START, Security.inMemory().withSignUpLimit(6));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aSignUpMakesACustomerAndAParticipantAccountLoggedInAtOnce() {
    int before = world.service.register().customers().size();
    World.Answer up = world.signUp("Fay Wong", "fay");
    assertThat(up.status()).as("%s", up).isEqualTo(201);
    assertThat(world.service.register().customers()).hasSize(before + 1);
    String token = up.body().path("token").asText();
    World.Answer me = world.get("/api/v1/me", token);
    assertThat(me.body().path("role").asText()).isEqualTo("PARTICIPANT");
    assertThat(me.body().path("zone").asText()).isEqualTo(World.LA.getId());
    assertThat(me.body().path("customer").asText())
        .isEqualTo(up.body().path("customerId").asText());
    assertThat(world.login("fay", World.PASSWORD)).isNotEmpty();
    assertThat(world.security.audit().entries())
        .anyMatch(
            e ->
                e.action().equals("signup")
                    && e.subject().equals("fay")
                    && e.outcome().equals("done")
                    && e.at().equals(world.service.clock().instant()));
  }

  @Test
  void aSignUpWithATakenNameOrAWeakPasswordIsRefusedAndMakesNoCustomer() {
    world.signUp("Gus", "gus");
    int before = world.service.register().customers().size();
    World.Answer taken = world.signUp("Another Gus", "gus");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body().path("reason").asText()).isEqualTo("DUPLICATE");
    World.Answer weak =
        world.post(
            "/api/v1/signup",
            World.json(Map.of("name", "Hal", "username", "hal", "password", "short")),
            "");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.body().path("message").asText()).contains("12 characters");
    World.Answer badName =
        world.post(
            "/api/v1/signup",
            World.json(Map.of("name", "Hal", "username", "h a l", "password", World.PASSWORD)),
            "");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(world.service.register().customers()).hasSize(before);
    assertThat(world.security.audit().entries())
        .anyMatch(e -> e.action().equals("signup") && e.outcome().startsWith("refused: conflict"));
  }

  @Test
  void signUpsFromOneAddressAreThrottled() {
    World w = new World(START, Security.inMemory().withSignUpLimit(2));
    try {
      assertThat(w.signUp("A", "a1").status()).isEqualTo(201);
      assertThat(w.signUp("B", "b1").status()).isEqualTo(201);
      World.Answer third = w.signUp("C", "c1");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.code()).isEqualTo("too_many_attempts");
    } finally {
      w.close();
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndFiveHoldTheNameOff() {
    world
        .security
        .accounts()
        .addUser(
            "ivy",
            World.PASSWORD,
            org.openvpp.server.security.Role.OPERATOR_VIEWER,
            java.util.Optional.empty());
    for (int i = 0; i < 5; i++) {
      World.Answer a =
          world.post(
              "/api/v1/auth/login",
              World.json(Map.of("username", "ivy", "password", "wrong password!")),
              "");
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.code()).isEqualTo("bad_credentials");
    }
    World.Answer held =
        world.post(
            "/api/v1/auth/login",
            World.json(Map.of("username", "ivy", "password", World.PASSWORD)),
            "");
    assertThat(held.status()).isEqualTo(429);
  }

  @Test
  void machineClientsGetTokensByClientCredentials() {
    String secret =
        world
            .security
            .accounts()
            .addClient("grid-2", org.openvpp.server.security.Role.UTILITY_PARTNER);
    World.Answer ok =
        world.form("grant_type=client_credentials&client_id=grid-2&client_secret=" + secret);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(
            world
                .get("/api/v1/me", ok.body().path("access_token").asText())
                .body()
                .path("role")
                .asText())
        .isEqualTo("UTILITY_PARTNER");
    assertThat(
            world
                .form("grant_type=client_credentials&client_id=grid-2&client_secret=nope")
                .status())
        .isEqualTo(401);
    assertThat(world.form("grant_type=password").body().path("error").asText())
        .isEqualTo("unsupported_grant_type");
    assertThat(world.post("/api/v1/auth/logout", "", "").status()).isEqualTo(204);
  }

  @Test
  void aPersonChangesTheirPasswordGivingTheCurrentOne() {
    String jo = world.signUp("Jo", "jo").body().path("token").asText();
    World.Answer wrong =
        world.post(
            "/api/v1/me/password",
            World.json(
                Map.of("currentPassword", "not it at all", "newPassword", "a new long password")),
            jo);
    assertThat(wrong.status()).isEqualTo(401);
    World.Answer shortNew =
        world.post(
            "/api/v1/me/password",
            World.json(Map.of("currentPassword", World.PASSWORD, "newPassword", "short")),
            jo);
    assertThat(shortNew.status()).isEqualTo(400);
    World.Answer ok =
        world.post(
            "/api/v1/me/password",
            World.json(
                Map.of("currentPassword", World.PASSWORD, "newPassword", "a new long password")),
            jo);
    assertThat(ok.status()).isEqualTo(204);
    assertThat(world.login("jo", "a new long password")).isNotEmpty();
    assertThat(
            world
                .post(
                    "/api/v1/me/password",
                    World.json(Map.of("currentPassword", "x", "newPassword", "yyyyyyyyyyyyyy")),
                    world.partner)
                .status())
        .isEqualTo(403);
  }

  @Test
  void anOperatorAdminKeepsAccountsAndARemovedAccountsTokensStopAtOnce() {
    assertThat(world.get("/api/v1/accounts", world.viewer).status()).isEqualTo(403);
    assertThat(world.get("/api/v1/accounts", world.admin).body().path("total").asInt())
        .isGreaterThanOrEqualTo(3);
    World.Answer made =
        world.post(
            "/api/v1/accounts",
            World.json(Map.of("name", "temp", "role", "OPERATOR_VIEWER")),
            world.admin);
    assertThat(made.status()).isEqualTo(201);
    String temp = world.login("temp", made.body().path("password").asText());
    assertThat(
            world
                .post(
                    "/api/v1/accounts",
                    World.json(Map.of("name", "temp", "role", "OPERATOR_VIEWER")),
                    world.admin)
                .status())
        .isEqualTo(409);
    assertThat(
            world
                .post(
                    "/api/v1/accounts",
                    World.json(Map.of("name", "p9", "role", "PARTICIPANT", "customer", "nobody")),
                    world.admin)
                .status())
        .isEqualTo(400);
    assertThat(
            world
                .post(
                    "/api/v1/accounts",
                    World.json(Map.of("name", "k", "role", "KING")),
                    world.admin)
                .status())
        .isEqualTo(400);
    World.Answer client =
        world.post(
            "/api/v1/accounts",
            World.json(Map.of("name", "grid-9", "role", "UTILITY_PARTNER", "machine", true)),
            world.admin);
    assertThat(client.body().path("clientSecret").asText()).isNotEmpty();
    assertThat(world.delete("/api/v1/accounts/admin", world.admin).status()).isEqualTo(409);
    assertThat(world.delete("/api/v1/accounts/temp", world.viewer).status()).isEqualTo(403);
    assertThat(world.delete("/api/v1/accounts/temp", world.admin).status()).isEqualTo(204);
    World.Answer after = world.get("/api/v1/me", temp);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.body().path("message").asText()).contains("no longer exists");
    assertThat(world.delete("/api/v1/accounts/temp", world.admin).status()).isEqualTo(404);
    assertThat(world.security.audit().entries())
        .anyMatch(e -> e.action().equals("account.remove") && e.outcome().equals("done"));
  }
}
