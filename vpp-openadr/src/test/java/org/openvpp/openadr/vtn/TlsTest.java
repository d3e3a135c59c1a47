package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;

/** The VTN over HTTPS, with a self-signed certificate the test makes with the JDK's keytool. */
class TlsTest {

  @TempDir Path dir;

  private Path keyStore() throws Exception {
    Path store = dir.resolve("vtn.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "vtn",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return store;
  }

  private static HttpClient trusting(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  @Test
  void servesHttpsWithItsCertificate() throws Exception {
    Path store = keyStore();
    Clients clients = new Clients(new SecureRandom(), 1_000);
    ClientCredentials bl = clients.create(Role.BL, "utility");
    VtnConfig config = VtnConfig.onPort(0).withTls(new TlsConfig(store, "changeit"));
    try (Vtn vtn =
        Vtn.start(
            config,
            clients,
            new InMemoryVtnRepository(),
            new TestTime(Instant.parse("2026-07-01T00:00:00Z")))) {
      assertThat(vtn.baseUrl().getScheme()).isEqualTo("https");
      Api api = new Api(vtn.baseUrl(), trusting(store));
      String token = api.tokenFor(bl.clientId(), bl.clientSecret());
      assertThat(api.call("POST", "/programs", "", token, Bodies.program("over-tls")).status())
          .isEqualTo(201);
      assertThat(api.call("GET", "/auth/server", "", "", null).text("tokenURL"))
          .startsWith("https://");
      // A client that does not trust the certificate cannot talk to it.
      HttpRequest r =
          HttpRequest.newBuilder(vtn.baseUrl().resolve(vtn.baseUrl().getPath() + "/programs"))
              .build();
      assertThatThrownBy(
              () -> HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }
}
