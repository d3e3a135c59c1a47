package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @Test
  void aDeviceTopicNamesTheDeviceAndTheChannel() {
    assertThat(Topics.parse("vpp/v1/d/home-000042-bat/telemetry"))
        .hasValue(new Topics.DeviceTopic("home-000042-bat", Channel.TELEMETRY));
    assertThat(Topics.parse("vpp/v1/d/x/ack")).hasValue(new Topics.DeviceTopic("x", Channel.ACK));
  }

  @Test
  void aCloudSpeaksOnlyForItsOwnDevices() {
    assertThat(Topics.parse("vpp/v1/c/acme/d/acme:000123/telemetry"))
        .hasValue(new Topics.DeviceTopic("acme:000123", Channel.TELEMETRY));
    assertThat(Topics.parse("vpp/v1/c/acme/d/other:000123/telemetry")).isEmpty();
    assertThat(Topics.parse("vpp/v1/c/acme/d/acme:/telemetry")).isEmpty();
  }

  @Test
  void topicsAreBuiltAsTheyAreParsed() {
    assertThat(Topics.parse(Topics.of("b-1", Channel.COMMAND)))
        .hasValue(new Topics.DeviceTopic("b-1", Channel.COMMAND));
    assertThat(Topics.parse(Topics.ofCloud("acme", "acme:7", Channel.BIRTH)))
        .hasValue(new Topics.DeviceTopic("acme:7", Channel.BIRTH));
    assertThat(Topics.shared("gw", Channel.TELEMETRY)).isEqualTo("$share/gw/vpp/v1/d/+/telemetry");
  }

  @Test
  void locatingFindsTheSameAsParsingWithoutAllocating() {
    String topic = "vpp/v1/c/acme/d/acme:000123/telemetry";
    long found = Topics.locate(topic);
    assertThat(topic.substring(Topics.idStart(found), Topics.idEnd(found)))
        .isEqualTo("acme:000123");
    assertThat(Topics.channelOf(found)).isEqualTo(Channel.TELEMETRY);
    assertThat(Topics.locate("vpp/v1/d/x/nope")).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "vpp/v2/d/x/telemetry",
        "vpp/v1/d//telemetry",
        "vpp/v1/d/x/telemetry/extra",
        "vpp/v1/d/x/Telemetry",
        "vpp/v1/d/x",
        "vpp/v1/d/a b/telemetry",
        "vpp/v1/d/a+/telemetry",
        "vpp/v1/d/#/telemetry",
        "vpp/v1/x/a/telemetry",
        "vpp/v1/c/acme/x/acme:1/telemetry",
        "vpp/v1/d/é/telemetry",
        "vpp/v1/d/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/telemetry"
      })
  void anythingElseIsNotADeviceTopic(String topic) {
    assertThat(Topics.parse(topic)).isEmpty();
  }
}
