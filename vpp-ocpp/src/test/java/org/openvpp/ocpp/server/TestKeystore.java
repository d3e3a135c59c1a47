package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} in a PKCS12 keystore, made
 * at test time by the JDK's own {@code keytool}, with a random password (remembered as a secret).
 */
public final class TestKeystore {
  private final Path path;
  private final String password;

  private TestKeystore(Path path, String password) {
    this.path = path;
    this.password = password;
  }

  /** Makes one in {@code dir}. */
  public static TestKeystore create(Path dir) throws Exception {
    byte[] noise = new byte[12];
    new SecureRandom().nextBytes(noise);
    String password = NoSecretsInLogs.remember("ks-" + HexFormat.of().formatHex(noise));
    Path path = dir.resolve("ocpp-test.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    ProcessBuilder pb =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "ocpp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                path.toString(),
                "-storepass:env",
                "OCPP_TEST_KS",
                "-keypass:env",
                "OCPP_TEST_KS",
                "-noprompt")
            .redirectErrorStream(true);
    pb.environment().put("OCPP_TEST_KS", password);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool ends within 60 s").isTrue();
    assertThat(p.exitValue()).as("keytool: %s", output).isZero();
    return new TestKeystore(path, password);
  }

  /** The keystore as the central system's configuration takes it. */
  public TlsKeystore config() {
    return new TlsKeystore(path, password);
  }

  /** The certificate. */
  public Certificate certificate() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      ks.load(in, password.toCharArray());
    }
    return ks.getCertificate("ocpp");
  }

  /** A TLS context that trusts this certificate alone. */
  public SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ocpp", certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * Writes the certificate as PEM into {@code file} (for a client that reads PEM) and returns it.
   */
  public Path writePem(Path file) throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    return Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
