package org.openvpp.ocpp.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.ocpp.credentials.InMemoryChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.security.PasswordRotation.Outcome;
import org.openvpp.ocpp.security.PasswordRotation.State;
import org.openvpp.ocpp.server.AuthRefusal;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.NoSecretsInLogs;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.SecurityProfile;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;

/** The central system makes a charger's password and changes it, in both versions. */
@ExtendWith(NoSecretsInLogs.class)
class PasswordRotationTest {
  private static final String V16 = "ocpp1.6";
  private static final String V201 = "ocpp2.0.1";
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final String FIRST = NoSecretsInLogs.remember("first-password-of-CP");
  private static final String KEY_16 =
      NoSecretsInLogs.remember("0123456789abcdef0123456789abcdef01234567");

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final InMemoryChargerCredentials credentials =
      new InMemoryChargerCredentials(1_000)
          .with("CP201", Password.of(FIRST))
          .with("CP16", Password.ofAuthorizationKey(KEY_16));
  private final PasswordRotation rotation = new PasswordRotation(credentials, clock, GRACE);
  private final CallHandler heartbeats =
      (charger, call) -> {
        var answer = Frames.object();
        answer.put("currentTime", clock.instant().toString());
        return new Answer.Result(answer);
      };
  private OcppServer server;

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults()
                .withPort(0)
                .withSweepEvery(Duration.ZERO)
                .withCallTimeout(Duration.ofSeconds(30))
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

  private ChargerSession session(TestCharger cp, String identity) throws Exception {
    assertThat(cp.call("open", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    return server.charger(identity).orElseThrow();
  }

  /** The 2.0.1 charger's view of a rotation: the SetVariables CALL, and the password it holds. */
  private record Sent(String messageId, String password) {}

  private static Sent nextSetVariables(TestCharger cp) throws Exception {
    JsonNode call = cp.nextJson();
    assertThat(call.get(2).textValue()).isEqualTo("SetVariables");
    JsonNode data = call.get(3).path("setVariableData");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).path("component").path("name").asText()).isEqualTo("SecurityCtrlr");
    assertThat(data.get(0).path("variable").path("name").asText()).isEqualTo("BasicAuthPassword");
    String password = NoSecretsInLogs.remember(data.get(0).path("attributeValue").asText());
    return new Sent(call.get(1).textValue(), password);
  }

  private static void answer(TestCharger cp, Sent sent, String status) throws Exception {
    cp.send(
        "[3,\""
            + sent.messageId()
            + "\",{\"setVariableResult\":[{\"attributeStatus\":\""
            + status
            + "\",\"component\":{\"name\":\"SecurityCtrlr\"},"
            + "\"variable\":{\"name\":\"BasicAuthPassword\"}}]}]");
  }

  private String upgrade(String identity, String subprotocol, byte[] password) throws Exception {
    String answer =
        TestCharger.rawUpgrade(
            server.port(),
            "/ocpp/" + identity,
            subprotocol,
            "Authorization: " + TestCharger.basic(identity, password));
    return answer.substring(0, 12);
  }

  private String upgrade201(String password) throws Exception {
    return upgrade("CP201", V201, password.getBytes(StandardCharsets.US_ASCII));
  }

  private static Outcome settled(CompletableFuture<Outcome> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void a201ChargerThatAcceptsGetsTheNewPasswordAndTheOldOneEndsWhenItUsesIt() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      var f = rotation.rotate(session(cp, "CP201"));
      Sent sent = nextSetVariables(cp);
      assertThat(sent.password()).matches("[0-9a-f]{40}");
      answer(cp, sent, "Accepted");
      Outcome o = settled(f);
      assertThat(o.state()).isEqualTo(State.ROTATED);
      assertThat(o.note()).isEmpty();
      assertThat(o.charger()).isEqualTo("CP201");
      // the charger reconnects with the old one once (it had not switched yet), then the new one
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
      assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 101");
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 401");
      assertThat(rotation.count(State.ROTATED)).isEqualTo(1);
    }
  }

  @Test
  void theOldPasswordEndsAfterTheGraceIfTheChargerDoesNotReconnect() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      var f = rotation.rotate(session(cp, "CP201"));
      Sent sent = nextSetVariables(cp);
      answer(cp, sent, "Accepted");
      assertThat(settled(f).state()).isEqualTo(State.ROTATED);
      clock.advance(GRACE.minusSeconds(1));
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
      clock.advance(Duration.ofSeconds(1));
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 401");
      assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 101");
    }
  }

  @Test
  void aRejectedPasswordIsNotKept() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      var f = rotation.rotate(session(cp, "CP201"));
      Sent sent = nextSetVariables(cp);
      answer(cp, sent, "Rejected");
      Outcome o = settled(f);
      assertThat(o.state()).isEqualTo(State.REJECTED);
      assertThat(o.note()).contains("Rejected");
      assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 401");
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
    }
  }

  @Test
  void aCallErrorIsARejection() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      var f = rotation.rotate(session(cp, "CP201"));
      Sent sent = nextSetVariables(cp);
      cp.send("[4,\"" + sent.messageId() + "\",\"NotSupported\",\"read-only here\",{}]");
      Outcome o = settled(f);
      assertThat(o.state()).isEqualTo(State.REJECTED);
      assertThat(o.note()).contains("CALLERROR NotSupported: read-only here");
      assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 401");
    }
  }

  @Test
  void noAnswerInTimeKeepsTheOldPassword() throws Exception {
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      var f = rotation.rotate(session(cp, "CP201"));
      Sent sent = nextSetVariables(cp);
      clock.advance(Duration.ofSeconds(30));
      assertThat(server.expireCalls()).isEqualTo(1);
      Outcome o = settled(f);
      assertThat(o.state()).isEqualTo(State.TIMED_OUT);
      assertThat(o.settled()).isEqualTo(o.sent().plusSeconds(30));
      // a late Accepted changes nothing
      answer(cp, sent, "Accepted");
      assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 401");
      assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
      assertThat(rotation.count(State.TIMED_OUT)).isEqualTo(1);
    }
  }

  @Test
  void aConnectionThatClosesFirstKeepsTheOldPassword() throws Exception {
    TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201);
    var f = rotation.rotate(session(cp, "CP201"));
    Sent sent = nextSetVariables(cp);
    cp.close();
    assertThat(settled(f).state()).isEqualTo(State.CLOSED);
    assertThat(upgrade201(sent.password())).isEqualTo("HTTP/1.1 401");
    assertThat(upgrade201(FIRST)).isEqualTo("HTTP/1.1 101");
  }

  @Test
  void a16ChargerGetsAnAuthorizationKeyAndPresentsItsOctets() throws Exception {
    byte[] first = HexFormat.of().parseHex(KEY_16);
    try (TestCharger cp =
        TestCharger.connect(
            java.net.http.HttpClient.newHttpClient(),
            java.net.URI.create("ws://127.0.0.1:" + server.port() + "/ocpp/CP16"),
            java.util.Map.of("Authorization", TestCharger.basic("CP16", first)),
            V16)) {
      var f = rotation.rotate(session(cp, "CP16"));
      JsonNode call = cp.nextJson();
      assertThat(call.get(2).textValue()).isEqualTo("ChangeConfiguration");
      assertThat(call.get(3).path("key").asText()).isEqualTo("AuthorizationKey");
      String key = NoSecretsInLogs.remember(call.get(3).path("value").asText());
      assertThat(key).matches("[0-9a-f]{40}");
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"Accepted\"}]");
      assertThat(settled(f).state()).isEqualTo(State.ROTATED);
      assertThat(upgrade("CP16", V16, HexFormat.of().parseHex(key))).isEqualTo("HTTP/1.1 101");
      assertThat(upgrade("CP16", V16, first)).isEqualTo("HTTP/1.1 401");
    }
  }

  @Test
  void a16RebootRequiredKeepsTheNewKeyAndSaysSo() throws Exception {
    byte[] first = HexFormat.of().parseHex(KEY_16);
    try (TestCharger cp =
        TestCharger.connect(
            java.net.http.HttpClient.newHttpClient(),
            java.net.URI.create("ws://127.0.0.1:" + server.port() + "/ocpp/CP16"),
            java.util.Map.of("Authorization", TestCharger.basic("CP16", first)),
            V16)) {
      var f = rotation.rotate(session(cp, "CP16"));
      JsonNode call = cp.nextJson();
      String key = NoSecretsInLogs.remember(call.get(3).path("value").asText());
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"RebootRequired\"}]");
      Outcome o = settled(f);
      assertThat(o.state()).isEqualTo(State.ROTATED);
      assertThat(o.note().orElseThrow()).startsWith("RebootRequired").contains("next start");
      assertThat(upgrade("CP16", V16, first)).isEqualTo("HTTP/1.1 101");
      assertThat(upgrade("CP16", V16, key.getBytes(StandardCharsets.US_ASCII)))
          .isEqualTo("HTTP/1.1 101");
    }
  }

  @Test
  void eachPasswordMadeIsNew() throws Exception {
    Set<String> made = new HashSet<>();
    try (TestCharger cp = TestCharger.connectBasic(server.port(), "CP201", FIRST, V201)) {
      ChargerSession s = session(cp, "CP201");
      for (int i = 0; i < 5; i++) {
        var f = rotation.rotate(s);
        Sent sent = nextSetVariables(cp);
        made.add(sent.password());
        answer(cp, sent, "Rejected");
        assertThat(settled(f).state()).isEqualTo(State.REJECTED);
      }
    }
    assertThat(made).hasSize(5);
    assertThat(server.authRefusals()).containsEntry(AuthRefusal.WRONG_PASSWORD, 0L);
  }
}
