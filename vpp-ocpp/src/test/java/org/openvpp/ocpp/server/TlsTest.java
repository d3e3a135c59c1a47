package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.ocpp.credentials.InMemoryChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.TestSchemas;

/** Security profile 2: TLS from a PKCS12 keystore, and HTTP Basic at the upgrade. */
@ExtendWith(NoSecretsInLogs.class)
class TlsTest {
  private static final String V201 = "ocpp2.0.1";
  private static final String PASSWORD = NoSecretsInLogs.remember("tls-Password-of-CP1");

  @TempDir static Path dir;
  private static TestKeystore keystore;

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final InMemoryChargerCredentials credentials =
      new InMemoryChargerCredentials(1_000).with("CP1", Password.of(PASSWORD));
  private final CallHandler heartbeats =
      (charger, call) -> {
        var answer = Frames.object();
        answer.put("currentTime", clock.instant().toString());
        return new Answer.Result(answer);
      };
  private @Nullable OcppServer started;

  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = TestKeystore.create(dir);
  }

  @AfterEach
  void stop() {
    OcppServer s = started;
    if (s != null) {
      s.close();
    }
  }

  private OcppConfig profile2() {
    return OcppConfig.defaults()
        .withPort(0)
        .withSweepEvery(Duration.ZERO)
        .withSecurityProfile(SecurityProfile.TLS_BASIC);
  }

  private OcppServer start(OcppConfig config) {
    OcppServer s = OcppServer.start(config, TestSchemas.get(), heartbeats, clock, credentials);
    started = s;
    return s;
  }

  private TestCharger connect(OcppServer server, String password) throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(keystore.clientContext()).build();
    return TestCharger.connect(
        https,
        URI.create("wss://127.0.0.1:" + server.port() + "/ocpp/CP1"),
        Map.of(
            "Authorization",
            TestCharger.basic("CP1", password.getBytes(StandardCharsets.US_ASCII))),
        V201);
  }

  @Test
  void aChargerTrustingTheCertificateConnectsOverWssWithItsPassword() throws Exception {
    OcppServer server = start(profile2().withKeystore(keystore.config()));
    try (TestCharger cp = connect(server, PASSWORD)) {
      assertThat(cp.call("1", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      assertThat(server.charger("CP1").orElseThrow().securityProfile())
          .isEqualTo(SecurityProfile.TLS_BASIC);
    }
  }

  @Test
  void aWrongPasswordOverTlsIsRefusedWith401() {
    OcppServer server = start(profile2().withKeystore(keystore.config()));
    String wrong = NoSecretsInLogs.remember("wrong-tls-password-1");
    assertThatThrownBy(() -> connect(server, wrong)).rootCause().hasMessageContaining("401");
    assertThat(server.authRefusals()).containsEntry(AuthRefusal.WRONG_PASSWORD, 1L);
  }

  @Test
  void plainWebSocketIsNotServedUnderProfile2() {
    OcppServer server = start(profile2().withKeystore(keystore.config()));
    assertThatThrownBy(() -> TestCharger.connectBasic(server.port(), "CP1", PASSWORD, V201))
        .isInstanceOf(Exception.class);
    assertThat(server.connected()).isZero();
  }

  @Test
  void profile2DoesNotStartWithoutAKeystore() {
    assertThatThrownBy(() -> start(profile2()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keystore");
    assertThatThrownBy(
            () ->
                start(
                    profile2()
                        .withKeystore(
                            new TlsKeystore(
                                dir.resolve("missing.p12"), keystore.config().password()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.p12")
        .hasMessageNotContaining(keystore.config().password());
  }

  @Test
  void aWrongKeystorePasswordStopsTheStartWithoutSayingThePassword() {
    String wrong = NoSecretsInLogs.remember("not-the-keystore-password");
    assertThatThrownBy(
            () -> start(profile2().withKeystore(new TlsKeystore(keystore.config().path(), wrong))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keystore's password");
  }

  @Test
  void theConfigurationDoesNotPrintTheKeystorePassword() {
    OcppConfig config = profile2().withKeystore(keystore.config());
    assertThat(config.toString()).doesNotContain(keystore.config().password()).contains("hidden");
  }
}
