package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.check.ForAll;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.check.Size;

class ClockCodecTest {
  static final Instant AT = Instant.ofEpochMilli(1565913600000L);

  @Test
  void aTickIsWrittenAsTheProtocolSays() {
    ClockCodec.Tick tick = new ClockCodec.Tick(7, AT, AT.plusSeconds(60), 4200, 96);
    assertThat(new String(ClockCodec.encodeTick(tick), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"seq\":7,\"at\":1565913600000,\"next\":1565913660000,"
                + "\"sent\":{\"telemetry\":4200,\"meters\":96}}");
    assertThat(ClockCodec.decodeTick(ClockCodec.encodeTick(tick)).tick()).hasValue(tick);
  }

  @Test
  void anAckIsWrittenAsTheProtocolSays() {
    ClockCodec.Ack ack = new ClockCodec.Ack(7, AT, 12);
    assertThat(new String(ClockCodec.encodeAck(ack), StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1,\"seq\":7,\"at\":1565913600000,\"commands\":12}");
    assertThat(ClockCodec.decodeAck(ClockCodec.encodeAck(ack)).ack()).hasValue(ack);
  }

  @Property(tries = 500)
  void ticksAndAcksRoundTrip(
      @ForAll @LongRange(min = 0, max = 1L << 53) long seq,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long at,
      @ForAll @LongRange(min = 0, max = 86_400_000) long step,
      @ForAll @LongRange(min = 0, max = 1L << 53) long count) {
    ClockCodec.Tick tick =
        new ClockCodec.Tick(
            seq, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + step), count, count / 7);
    assertThat(ClockCodec.decodeTick(ClockCodec.encodeTick(tick)).tick()).hasValue(tick);
    ClockCodec.Ack ack = new ClockCodec.Ack(seq, Instant.ofEpochMilli(at), count);
    assertThat(ClockCodec.decodeAck(ClockCodec.encodeAck(ack)).ack()).hasValue(ack);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                                         | MALFORMED",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0},\"x\":1} | MALFORMED",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0,\"x\":1}} | MALFORMED",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":[0,0]}                    | MALFORMED",
        "{\"v\":1,\"seq\":\"1\",\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0}} | MALFORMED",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":{\"a\":1},\"meters\":0}} | MALFORMED",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0}                                   | MISSING",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0}}        | MISSING",
        "{\"v\":2,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0}} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":-1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0}} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"at\":5,\"next\":4,\"sent\":{\"telemetry\":0,\"meters\":0}} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0.5,\"meters\":0}} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"at\":0,\"next\":0,\"sent\":{\"telemetry\":0,\"meters\":0}} | ACCEPTED"
      })
  void aTickNotOfTheProtocolsShapeIsRefused(String json, Verdict expected) {
    ClockCodec.TickResult r = ClockCodec.decodeTick(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.verdict()).isEqualTo(expected);
    assertThat(r.tick().isPresent()).isEqualTo(expected == Verdict.ACCEPTED);
  }

  @Test
  void anAckNotOfTheProtocolsShapeIsRefused() {
    assertThat(decodeAck("{\"v\":1,\"seq\":1,\"at\":0}")).isEqualTo(Verdict.MISSING);
    assertThat(decodeAck("{\"v\":1,\"seq\":1,\"at\":0,\"commands\":true}"))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(decodeAck("{\"v\":1,\"seq\":1,\"at\":0,\"commands\":-2}"))
        .isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(ClockCodec.decodeAck(new byte[Topics.MAX_PAYLOAD + 1]).verdict())
        .isEqualTo(Verdict.OVERSIZED);
  }

  private static Verdict decodeAck(String json) {
    return ClockCodec.decodeAck(json.getBytes(StandardCharsets.UTF_8)).verdict();
  }

  @Test
  void aTickCannotPointBackInTime() {
    assertThatThrownBy(() -> new ClockCodec.Tick(1, AT, AT.minusMillis(1), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
  }

  @Property(tries = 3000)
  void anyBytesGetAVerdictAndNeverAnException(@ForAll @Size(max = 200) byte[] junk) {
    assertThat(ClockCodec.decodeTick(junk).verdict()).isNotNull();
    assertThat(ClockCodec.decodeAck(junk).verdict()).isNotNull();
  }
}
