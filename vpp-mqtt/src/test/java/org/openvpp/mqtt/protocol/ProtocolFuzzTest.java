package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.Optional;

/**
 * Every parser of the device protocol fed any bytes (and any topic): a verdict or a value, never an
 * exception, and what is accepted is within the protocol's ranges and says the same when encoded
 * and decoded again. The default test run replays the inputs in {@code ProtocolFuzzTestInputs};
 * {@code ./vpp fuzz} fuzzes for real (docs/security.md).
 */
class ProtocolFuzzTest {

  @FuzzTest
  void telemetry(byte[] payload) {
    TelemetryDecoder d = new TelemetryDecoder();
    Verdict v = d.decode(payload);
    assertThat(v).isNotNull();
    if (v == Verdict.ACCEPTED) {
      assertThat(Math.abs(d.powerKw())).isLessThanOrEqualTo(TelemetryDecoder.MAX_POWER_KW);
      assertThat(d.plug()).isBetween(-1, 1);
      assertThat(Double.isNaN(d.storedKwh()) || d.storedKwh() >= 0).isTrue();
      // the same bytes, the same verdict: nothing left over from one message leaks into the next
      assertThat(d.decode(payload)).isEqualTo(Verdict.ACCEPTED);
    }
  }

  @FuzzTest
  void telemetryBatch(byte[] payload) {
    TelemetryBatch batch = new TelemetryBatch();
    Verdict v = new TelemetryDecoder().decodeBatch(payload, 0, payload.length, batch);
    assertThat(v).isNotNull();
    if (v == Verdict.ACCEPTED) {
      assertThat(batch.size()).isBetween(1, TelemetryBatch.MAX_REPORTS);
      for (int i = 0; i < batch.size(); i++) {
        assertThat(batch.verdict(i)).isNotNull();
        if (batch.verdict(i) == Verdict.ACCEPTED) {
          assertThat(batch.idStart(i)).isBetween(0, batch.idEnd(i));
          assertThat(batch.idEnd(i)).isLessThanOrEqualTo(payload.length);
        }
      }
    } else {
      assertThat(batch.size()).isZero();
    }
  }

  @FuzzTest
  void birth(FuzzedDataProvider data) {
    String id = data.consumeString(40);
    byte[] payload = data.consumeRemainingAsBytes();
    BirthCodec.Result r;
    try {
      r = BirthCodec.decode(id, payload);
    } catch (IllegalArgumentException e) {
      // the one refusal that is the caller's: an id the topic parser would not have let through
      assertThat(Topics.isValidId(id, 0, id.length())).as(e.getMessage()).isFalse();
      return;
    }
    refusedWithReason(r.verdict(), r.device(), r.problem());
    r.device()
        .ifPresent(
            d -> assertThat(BirthCodec.decode(id, BirthCodec.encode(d)).device()).hasValue(d));
  }

  @FuzzTest
  void status(byte[] payload) {
    StatusCodec.Result r = StatusCodec.decode(payload);
    refusedWithReason(r.verdict(), r.online(), r.problem());
  }

  @FuzzTest
  void commandsAndAcknowledgements(FuzzedDataProvider data) {
    String device = data.consumeString(40);
    boolean command = data.consumeBoolean();
    byte[] payload = data.consumeRemainingAsBytes();
    if (command) {
      CommandCodec.CommandResult r;
      try {
        r = CommandCodec.decodeCommand(device, payload);
      } catch (IllegalArgumentException e) {
        assertThat(Topics.isValidId(device, 0, device.length())).as(e.getMessage()).isFalse();
        return;
      }
      refusedWithReason(r.verdict(), r.command(), r.problem());
    } else {
      CommandCodec.AckResult r = CommandCodec.decodeAck(payload);
      refusedWithReason(r.verdict(), r.ack(), r.problem());
    }
  }

  @FuzzTest
  void clock(FuzzedDataProvider data) {
    boolean tick = data.consumeBoolean();
    byte[] payload = data.consumeRemainingAsBytes();
    if (tick) {
      ClockCodec.TickResult r = ClockCodec.decodeTick(payload);
      refusedWithReason(r.verdict(), r.tick(), r.problem());
    } else {
      ClockCodec.AckResult r = ClockCodec.decodeAck(payload);
      refusedWithReason(r.verdict(), r.ack(), r.problem());
    }
  }

  @FuzzTest
  void meterReadings(FuzzedDataProvider data) {
    String meter = data.consumeString(40);
    boolean receipt = data.consumeBoolean();
    byte[] payload = data.consumeRemainingAsBytes();
    if (receipt) {
      MeterReadingCodec.ReceiptResult r = MeterReadingCodec.decodeReceipt(payload);
      assertThat(r.receipt().isPresent() || !r.problem().isBlank()).isTrue();
      return;
    }
    try {
      assertThat(MeterReadingCodec.decode(meter, payload)).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(Topics.isValidId(meter, 0, meter.length())).as(e.getMessage()).isFalse();
    }
  }

  @FuzzTest
  void topics(@NotNull String topic) {
    Topics.parse(topic)
        .ifPresent(t -> assertThat(Topics.parse(Topics.of(t.device(), t.channel()))).hasValue(t));
    Topics.parseMeterReading(topic);
    Topics.parseMeterReceipt(topic);
    Topics.isMeterReading(topic);
    Topics.isClock(topic);
    long located = Topics.locate(topic);
    if (located >= 0) {
      assertThat(Topics.idStart(located)).isBetween(0, Topics.idEnd(located));
      assertThat(Topics.idEnd(located)).isLessThanOrEqualTo(topic.length());
    }
  }

  /** Either a value and no problem, or a problem that says what was wrong. */
  private static void refusedWithReason(Verdict v, Optional<?> value, String problem) {
    assertThat(v).isNotNull();
    if (v == Verdict.ACCEPTED) {
      assertThat(value).isPresent();
    } else {
      assertThat(value).isEmpty();
      assertThat(problem).isNotBlank();
    }
  }
}
