package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.cli.UsageException;
import org.openvpp.service.chargers.OcppSettings;

/** The OCPP keys of {@code ./vpp serve}'s configuration: each checked, with what to write. */
class ServeConfigOcppTest {
  private static final String BASE =
      """
      database.url = jdbc:postgresql://127.0.0.1:5432/openvpp
      mqtt.broker = tcp://127.0.0.1:1883
      service.zone = America/Los_Angeles
      """;

  @TempDir Path tmp;

  private ServiceSettings read(String extra, Map<String, String> env) throws Exception {
    Path f = tmp.resolve("vpp.properties");
    Files.writeString(f, BASE + extra);
    return ServeConfig.read(f, env);
  }

  private String schemas() {
    return OcppSettings.defaultSchemas().toAbsolutePath().toString();
  }

  @Test
  void noOcppPortNoCentralSystem() throws Exception {
    assertThat(read("", Map.of()).ocpp()).isEmpty();
  }

  @Test
  void aPortAloneRunsItUnderProfileOneOnEveryAddress() throws Exception {
    OcppSettings o =
        read("ocpp.port = 9221\nocpp.schemas = " + schemas() + "\n", Map.of()).ocpp().orElseThrow();
    assertThat(o.port()).isEqualTo(9221);
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.securityProfile()).isEqualTo(1);
    assertThat(o.keystore()).isEmpty();
  }

  @Test
  void anOcppKeyWithoutThePortIsRefused() {
    assertThatThrownBy(() -> read("ocpp.security_profile = 2\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.security_profile without ocpp.port; add ocpp.port = 9220");
  }

  @Test
  void aProfileOtherThanZeroOneOrTwoIsRefused() {
    assertThatThrownBy(() -> read("ocpp.port = 9220\nocpp.security_profile = 3\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.security_profile must be 0 (no password")
        .hasMessageContaining("was '3'");
  }

  @Test
  void profileTwoNeedsAKeystoreAndItsPassword() throws Exception {
    assertThatThrownBy(() -> read("ocpp.port = 9220\nocpp.security_profile = 2\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("add ocpp.keystore = a PKCS12 file");
    assertThatThrownBy(
            () ->
                read(
                    "ocpp.port = 9220\nocpp.security_profile = 2\nocpp.keystore = "
                        + tmp.resolve("none.p12")
                        + "\n",
                    Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.keystore must be a readable PKCS12 file");
    Path keystore = Files.writeString(tmp.resolve("csms.p12"), "not read here");
    String twoWithKeystore =
        "ocpp.port = 9220\nocpp.security_profile = 2\nocpp.keystore = "
            + keystore
            + "\nocpp.schemas = "
            + schemas()
            + "\n";
    assertThatThrownBy(() -> read(twoWithKeystore, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(
            "needs its password in the environment variable VPP_OCPP_KEYSTORE_PASSWORD");
    OcppSettings o =
        read(twoWithKeystore, Map.of("VPP_OCPP_KEYSTORE_PASSWORD", "store-secret"))
            .ocpp()
            .orElseThrow();
    assertThat(o.keystore()).contains(keystore);
    assertThat(o.keystorePassword()).isEqualTo("store-secret");
    assertThat(o.toString()).doesNotContain("store-secret");
  }

  @Test
  void aKeystoreUnderAnotherProfileIsRefused() {
    assertThatThrownBy(() -> read("ocpp.port = 9220\nocpp.keystore = /etc/csms.p12\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(
            "ocpp.keystore is for ocpp.security_profile = 2 (TLS); the profile is 1");
  }

  @Test
  void aSchemasFolderWithoutBothVersionsIsRefused() {
    assertThatThrownBy(() -> read("ocpp.port = 9220\nocpp.schemas = " + tmp + "\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.schemas must be the folder of the OCPP JSON schemas");
  }

  @Test
  void aBadPortOrHostIsRefused() {
    assertThatThrownBy(() -> read("ocpp.port = 70000\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.port must be a port, 0 to 65535, was '70000'");
    assertThatThrownBy(() -> read("ocpp.port = 9220\nocpp.host = a b\n", Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ocpp.host must be an address to listen on");
  }
}
