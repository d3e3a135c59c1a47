package org.openvpp.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerAccessTest {

  @Test
  void aDevicePublishesAndSubscribesOnlyUnderItsOwnId() {
    assertThat(BrokerAccess.mayPublish("bat-1", "vpp/v1/d/bat-1/telemetry")).isTrue();
    assertThat(BrokerAccess.maySubscribe("bat-1", "vpp/v1/d/bat-1/command")).isTrue();
    assertThat(BrokerAccess.mayPublish("bat-1", "vpp/v1/d/bat-2/telemetry")).isFalse();
    assertThat(BrokerAccess.maySubscribe("bat-1", "vpp/v1/d/bat-2/command")).isFalse();
    // A prefix of another id is not its own id.
    assertThat(BrokerAccess.mayPublish("bat-1", "vpp/v1/d/bat-10/telemetry")).isFalse();
    // Nor may it listen with wildcards above its own level.
    assertThat(BrokerAccess.maySubscribe("bat-1", "vpp/v1/d/+/command")).isFalse();
    assertThat(BrokerAccess.maySubscribe("bat-1", "vpp/v1/#")).isFalse();
    assertThat(BrokerAccess.maySubscribe("bat-1", "#")).isFalse();
    // Its own bare prefix is not a topic of the protocol.
    assertThat(BrokerAccess.mayPublish("bat-1", "vpp/v1/d/bat-1/")).isFalse();
  }

  @Test
  void aCloudSpeaksUnderItsOwnPrefixWithWildcardsBelowIt() {
    assertThat(BrokerAccess.mayPublish("acme", "vpp/v1/c/acme/d/acme:7/telemetry")).isTrue();
    assertThat(BrokerAccess.maySubscribe("acme", "vpp/v1/c/acme/d/+/command")).isTrue();
    assertThat(BrokerAccess.mayPublish("acme", "vpp/v1/c/other/d/other:1/telemetry")).isFalse();
    assertThat(BrokerAccess.mayPublish("acme", "vpp/v1/c/acme/d/+/telemetry")).isFalse();
  }

  @Test
  void aMeterReportsAndHearsItsReceiptsOnlyUnderItsOwnId() {
    assertThat(BrokerAccess.mayPublish("m-42", "vpp/v1/m/m-42/reading")).isTrue();
    assertThat(BrokerAccess.maySubscribe("m-42", "vpp/v1/m/m-42/receipt")).isTrue();
    assertThat(BrokerAccess.mayPublish("m-42", "vpp/v1/m/m-43/reading")).isFalse();
    assertThat(BrokerAccess.maySubscribe("m-42", "vpp/v1/m/+/receipt")).isFalse();
    // A head-end reports its meters under its own cloud prefix, as device clouds do.
    assertThat(BrokerAccess.mayPublish("utility", "vpp/v1/c/utility/m/ESI-1/reading")).isTrue();
    assertThat(BrokerAccess.maySubscribe("utility", "vpp/v1/c/utility/m/+/receipt")).isTrue();
    assertThat(BrokerAccess.mayPublish("utility", "vpp/v1/m/ESI-1/reading")).isFalse();
  }

  @Test
  void theGatewayMayUseTheWholeProtocolIncludingSharedSubscriptions() {
    String gw = BrokerAccess.GATEWAY_USER;
    assertThat(BrokerAccess.maySubscribe(gw, "$share/vpp-gateway/vpp/v1/d/+/telemetry")).isTrue();
    assertThat(BrokerAccess.mayPublish(gw, "vpp/v1/d/bat-1/command")).isTrue();
    assertThat(BrokerAccess.maySubscribe(gw, "$SYS/#")).isFalse();
    assertThat(BrokerAccess.maySubscribe(gw, "$share/no-filter")).isFalse();
    // A shared subscription is judged by its filter, for devices too.
    assertThat(BrokerAccess.maySubscribe("bat-1", "$share/g/vpp/v1/d/bat-2/command")).isFalse();
  }

  @Test
  void userNamesThatAreWildcardsOrPathsGetNothing() {
    assertThat(BrokerAccess.mayPublish("+", "vpp/v1/d/+/telemetry")).isFalse();
    assertThat(BrokerAccess.maySubscribe("#", "vpp/v1/d/#/x")).isFalse();
    assertThat(BrokerAccess.mayPublish("a/b", "vpp/v1/d/a/b/telemetry")).isFalse();
    assertThat(BrokerAccess.mayPublish("", "vpp/v1/d//telemetry")).isFalse();
  }

  @Test
  void credentialsCheckPasswordsAndKeepOnlyHashes() {
    Credentials c = Credentials.of(Map.of("bat-1", "pw-1"));
    assertThat(c.check("bat-1", "pw-1".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(c.check("bat-1", "pw-2".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(c.check("bat-1", new byte[0])).isFalse();
    assertThat(c.check("bat-2", "pw-1".getBytes(StandardCharsets.UTF_8))).isFalse();
    c.put("bat-2", "later");
    assertThat(c.check("bat-2", "later".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThatThrownBy(() -> c.put("bat-3", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
  }
}
