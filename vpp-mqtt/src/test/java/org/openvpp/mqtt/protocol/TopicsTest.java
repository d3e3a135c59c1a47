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

  @Test
  void aMeterTopicNamesTheMeterAndItsCloudIfAny() {
    assertThat(Topics.parseMeterReading("vpp/v1/m/m-42/reading"))
        .hasValue(Topics.MeterTopic.own("m-42"));
    assertThat(Topics.parseMeterReading("vpp/v1/c/utility/m/ESI-0042/reading"))
        .hasValue(Topics.MeterTopic.viaCloud("utility", "ESI-0042"));
    assertThat(Topics.parseMeterReceipt("vpp/v1/c/utility/m/ESI-0042/receipt"))
        .hasValue(Topics.MeterTopic.viaCloud("utility", "ESI-0042"));
    Topics.MeterTopic own = Topics.MeterTopic.own("m-42");
    assertThat(own.reading()).isEqualTo("vpp/v1/m/m-42/reading");
    assertThat(own.receipt()).isEqualTo("vpp/v1/m/m-42/receipt");
    assertThat(own.publisher()).isEqualTo("m-42");
    Topics.MeterTopic viaCloud = Topics.MeterTopic.viaCloud("utility", "ESI-0042");
    assertThat(viaCloud.reading()).isEqualTo("vpp/v1/c/utility/m/ESI-0042/reading");
    assertThat(viaCloud.receipt()).isEqualTo("vpp/v1/c/utility/m/ESI-0042/receipt");
    assertThat(viaCloud.publisher()).isEqualTo("utility");
    assertThat(Topics.isMeterReading(viaCloud.reading())).isTrue();
    assertThat(Topics.isMeterReading(own.reading())).isTrue();
    assertThat(Topics.isMeterReading(own.receipt())).isFalse();
    assertThat(Topics.isMeterReading("vpp/v1/d/m-42/reading")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vpp/v1/m//reading",
        "vpp/v1/m/a/b/reading",
        "vpp/v1/m/a+/reading",
        "vpp/v1/m/a/readings",
        "vpp/v1/c//m/a/reading",
        "vpp/v1/c/u/d/a/reading",
        "vpp/v2/m/a/reading",
        "vpp/v1/m/a/receipt"
      })
  void anythingElseIsNotAMetersReadingTopic(String topic) {
    assertThat(Topics.parseMeterReading(topic)).isEmpty();
  }

  @Test
  void aCloudsOwnTopicsNameTheCloud() {
    assertThat(Topics.batchTelemetry("acme")).isEqualTo("vpp/v1/c/acme/telemetry");
    assertThat(Topics.clock("sim")).isEqualTo("vpp/v1/c/sim/clock");
    assertThat(Topics.clockAck("sim")).isEqualTo("vpp/v1/c/sim/clock/ack");
    assertThat(Topics.cloudTopic("vpp/v1/c/sim/clock", "clock")).hasValue("sim");
    assertThat(Topics.cloudTopic("vpp/v1/c/sim/clock/ack", "clock")).isEmpty();
    assertThat(Topics.isClock("vpp/v1/c/sim/clock")).isTrue();
    assertThat(Topics.isClock("vpp/v1/c/sim/clock/ack")).isFalse();
    assertThat(Topics.isClock("vpp/v1/d/sim/clock")).isFalse();
    assertThat(Topics.parse(Topics.batchTelemetry("acme"))).as("not a device's").isEmpty();
    long c = Topics.locateCloud("vpp/v1/c/acme/d/acme:1/telemetry");
    assertThat(
            "vpp/v1/c/acme/d/acme:1/telemetry".substring(Topics.cloudStart(c), Topics.cloudEnd(c)))
        .isEqualTo("acme");
    assertThat(Topics.locateCloud("vpp/v1/c/acme")).isEqualTo(-1);
    assertThat(Topics.locateCloud("vpp/v1/c/a b/telemetry")).isEqualTo(-1);
  }
}
