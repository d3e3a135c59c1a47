package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.check.ForAll;
import org.openvpp.check.Property;
import org.openvpp.check.Size;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger.AckStatus;
import org.openvpp.units.Power;

class CommandCodecTest {

  @Test
  void aCommandIsEncodedAsTheSchemaSays() {
    Instant t = Instant.parse("2019-08-16T00:00:00Z");
    Command c =
        new Command(DeviceId.of("bat-1"), 45, Power.ofKilowatts(-3.5), t, t.plusSeconds(300));
    assertThat(new String(CommandCodec.encode(c), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"id\":\"c-45\",\"seq\":45,\"type\":\"power\",\"setpoint_kw\":-3.5,"
                + "\"issued\":1565913600000,\"expires\":1565913900000}");
  }

  @Test
  void anAcknowledgementIsDecoded() {
    CommandCodec.AckResult r =
        CommandCodec.decodeAck(
            "{\"v\":1,\"id\":\"c-45\",\"seq\":45,\"status\":\"rejected\",\"reason\":\"below \\\"reserve\\\"\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(r.ack())
        .hasValue(
            new CommandCodec.Ack("c-45", 45, AckStatus.REJECTED, Optional.of("below \"reserve\"")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"v\":1,\"id\":\"c-1\",\"seq\":1}                              | MISSING",
        "{\"v\":1,\"id\":\"c-1\",\"seq\":1,\"status\":\"done\"}          | OUT_OF_RANGE",
        "{\"v\":1,\"id\":\"c-1\",\"seq\":-1,\"status\":\"accepted\"}     | OUT_OF_RANGE",
        "{\"v\":1,\"id\":1,\"seq\":1,\"status\":\"accepted\"}            | MALFORMED",
        "{\"v\":1,\"id\":\"c-1\",\"seq\":1,\"status\":\"accepted\",\"x\":1} | MALFORMED",
        "{\"v\":1,\"id\":\"c-1\",\"seq\":1,\"status\":\"accepted\"        | MALFORMED",
        "{\"v\":1,\"id\":\"c\\q\",\"seq\":1,\"status\":\"accepted\"}     | MALFORMED",
        "{\"v\":2,\"id\":\"c-1\",\"seq\":1,\"status\":\"accepted\"}      | OUT_OF_RANGE"
      })
  void badAcknowledgementsAreRefusedWithAReason(String json, Verdict expected) {
    CommandCodec.AckResult r = CommandCodec.decodeAck(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.verdict()).isEqualTo(expected);
    assertThat(r.problem()).isNotBlank();
  }

  @Property(tries = 2000)
  void anyBytesGetAVerdict(@ForAll @Size(max = 300) byte[] junk) {
    assertThat(CommandCodec.decodeAck(junk).verdict()).isNotNull();
  }
}
