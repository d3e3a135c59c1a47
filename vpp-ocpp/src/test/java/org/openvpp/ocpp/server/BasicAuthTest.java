package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.ocpp.credentials.InMemoryChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.TestSchemas;

/** Security profile 1: HTTP Basic at the upgrade, over plain WebSocket. */
@ExtendWith(NoSecretsInLogs.class)
class BasicAuthTest {
  private static final String V16 = "ocpp1.6";
  private static final String V201 = "ocpp2.0.1";
  private static final String PASSWORD = NoSecretsInLogs.remember("Pass-word:for|CP1@test");
  private static final String KEY_16 =
      NoSecretsInLogs.remember("a1b2c3d4e5f60718293a4b5c6d7e8f9001122334");
  private static final String WRONG = NoSecretsInLogs.remember("not-the-password-of-CP1");

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final InMemoryChargerCredentials credentials =
      new InMemoryChargerCredentials(1_000)
          .with("CP1", Password.of(PASSWORD))
          .with("CP:16", Password.ofAuthorizationKey(KEY_16));
  private OcppServer server;

  private final CallHandler heartbeats =
      (charger, call) -> {
        var answer = Frames.object();
        answer.put("currentTime", clock.instant().toString());
        return call.action().equals("Heartbeat")
            ? new Answer.Result(answer)
            : Answer.notHandled(charger.version(), call.action());
      };

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults()
                .withPort(0)
                .withSweepEvery(Duration.ZERO)
                .withSecurityProfile(SecurityProfile.BASIC),
            TestSchemas.get(),
            heartbeats,
            clock,
            credentials);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String upgrade(String identity, String... headers) throws Exception {
    return TestCharger.rawUpgrade(server.port(), "/ocpp/" + identity, V201, headers);
  }

  private static String basic(String identity, String password) {
    return "Authorization: "
        + TestCharger.basic(identity, password.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void theRightPasswordOpensTheConnectionUnderProfile1() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP1", PASSWORD, V201)) {
      assertThat(cp.call("1", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      ChargerSession session = server.charger("CP1").orElseThrow();
      assertThat(session.securityProfile()).isEqualTo(SecurityProfile.BASIC);
      assertThat(session.securityProfile().number()).isEqualTo(1);
    }
    assertThat(server.authRefusals().values()).allMatch(n -> n == 0);
  }

  @Test
  void eachRefusalIs401WithoutAWebSocketAndCountedByItsReason() throws Exception {
    record Case(String identity, List<String> headers, AuthRefusal reason) {}
    String mismatch = basic("CP2", PASSWORD);
    Case[] cases = {
      new Case("CP1", List.of(), AuthRefusal.NO_CREDENTIALS),
      new Case("CP1", List.of("Authorization: Bearer abc"), AuthRefusal.MALFORMED),
      new Case("CP1", List.of("Authorization: Basic %%%"), AuthRefusal.MALFORMED),
      new Case(
          "CP1",
          List.of(
              "Authorization: Basic "
                  + Base64.getEncoder()
                      .encodeToString("no colon".getBytes(StandardCharsets.US_ASCII))),
          AuthRefusal.MALFORMED),
      new Case("CP1", List.of(mismatch), AuthRefusal.IDENTITY_MISMATCH),
      new Case("CP9", List.of(basic("CP9", PASSWORD)), AuthRefusal.UNKNOWN_IDENTITY),
      new Case("CP1", List.of(basic("CP1", WRONG)), AuthRefusal.WRONG_PASSWORD),
      new Case("CP1", List.of(basic("CP1", PASSWORD + "x")), AuthRefusal.WRONG_PASSWORD),
    };
    for (Case c : cases) {
      String answer = upgrade(c.identity(), c.headers().toArray(String[]::new));
      assertThat(answer).as(c.reason().key()).startsWith("HTTP/1.1 401");
      assertThat(answer).as(c.reason().key()).containsIgnoringCase("WWW-Authenticate: Basic");
      assertThat(answer).as(c.reason().key()).doesNotContainIgnoringCase("Sec-WebSocket-Accept");
    }
    Map<AuthRefusal, Long> counts = server.authRefusals();
    assertThat(counts)
        .containsEntry(AuthRefusal.NO_CREDENTIALS, 1L)
        .containsEntry(AuthRefusal.MALFORMED, 3L)
        .containsEntry(AuthRefusal.IDENTITY_MISMATCH, 1L)
        .containsEntry(AuthRefusal.UNKNOWN_IDENTITY, 1L)
        .containsEntry(AuthRefusal.WRONG_PASSWORD, 2L);
    assertThat(server.connected()).isZero();
    // the log says why, by key
    assertThat(NoSecretsInLogs.logged())
        .anyMatch(l -> l.contains("refused charger CP1 at the upgrade (401, wrong_password)"))
        .anyMatch(l -> l.contains("refused charger CP9 at the upgrade (401, unknown_identity)"));
  }

  @Test
  void anUnknownIdentityAndAWrongPasswordGetTheSameAnswer() throws Exception {
    String unknown = upgrade("CP9", basic("CP9", PASSWORD));
    String wrong = upgrade("CP1", basic("CP1", WRONG));
    // the same but for the path, which the answer repeats
    assertThat(body(unknown).replace("/ocpp/CP9", "/ocpp/CP1")).isEqualTo(body(wrong));
    assertThat(body(wrong)).contains("the password its own");
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void theJdkClientIsRefusedWith401() {
    assertThatThrownBy(() -> TestCharger.connectBasic(server.port(), "CP1", WRONG, V201))
        .rootCause()
        .hasMessageContaining("401");
    assertThat(server.connected()).isZero();
  }

  @Test
  void aCheckOfTheSubprotocolComesFirstAnd400SaysWhy() throws Exception {
    String answer = TestCharger.rawUpgrade(server.port(), "/ocpp/CP1", "ocpp1.5");
    assertThat(answer).startsWith("HTTP/1.1 400").contains("offer the WebSocket subprotocol");
    assertThat(server.authRefusals().values()).allMatch(n -> n == 0);
  }

  @Test
  void a16ChargerWithAColonInItsIdentityPresentsItsKeysOctetsOrItsText() throws Exception {
    byte[] octets = HexFormat.of().parseHex(KEY_16);
    String raw = "Authorization: " + TestCharger.basic("CP:16", octets);
    assertThat(TestCharger.rawUpgrade(server.port(), "/ocpp/CP:16", V16, raw))
        .startsWith("HTTP/1.1 101");
    assertThat(
            TestCharger.rawUpgrade(
                server.port(),
                "/ocpp/CP:16",
                V16,
                basic("CP:16", KEY_16.toUpperCase(java.util.Locale.ROOT))))
        .startsWith("HTTP/1.1 101");
    assertThat(server.authRefusals().values()).allMatch(n -> n == 0);
  }

  @Test
  void profile1DoesNotStartWithoutCredentials() {
    assertThatThrownBy(
            () ->
                OcppServer.start(
                    OcppConfig.defaults().withPort(0).withSecurityProfile(SecurityProfile.BASIC),
                    TestSchemas.get(),
                    heartbeats,
                    clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("credentials");
  }

  @Test
  void profileNumbersReadBackAndThreeIsNotOffered() {
    assertThat(SecurityProfile.of(0)).isEqualTo(SecurityProfile.NONE);
    assertThat(SecurityProfile.of(2)).isEqualTo(SecurityProfile.TLS_BASIC);
    assertThatThrownBy(() -> SecurityProfile.of(3)).hasMessageContaining("not 3");
  }
}
