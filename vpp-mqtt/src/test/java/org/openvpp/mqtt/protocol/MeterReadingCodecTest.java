package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
import org.openvpp.check.Size;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Decoded;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Receipt;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Refusal;

class MeterReadingCodecTest {
  static final String METER = "m-000042";
  static final long T0 = 1565913600000L; // 2019-08-16T00:00Z, on every grid

  private static Decoded decode(String json) {
    return MeterReadingCodec.decode(METER, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reading(long start, int seconds, String imp, String exp) {
    return "{\"start\":"
        + start
        + ",\"dur_s\":"
        + seconds
        + ",\"imp_kwh\":"
        + imp
        + ",\"exp_kwh\":"
        + exp
        + "}";
  }

  private static String message(String... readings) {
    return "{\"v\":1,\"readings\":[" + String.join(",", readings) + "]}";
  }

  @Test
  void decodesTheReadingsOfAMessageWithTheTopicsMeter() {
    Decoded d =
        decode(
            message(
                reading(T0, 900, "0.42", "0.0"),
                reading(T0 + 900_000, 900, "0", "1.25"),
                reading(T0 + 3_600_000, 3600, "2", "0")));
    assertThat(d.verdict()).isEqualTo(ReadingVerdict.ACCEPTED);
    assertThat(d.refusals()).isEmpty();
    assertThat(d.readings())
        .containsExactly(
            MeterReading.ofKwh(METER, Instant.ofEpochMilli(T0), Duration.ofMinutes(15), 0.42, 0),
            MeterReading.ofKwh(
                METER, Instant.ofEpochMilli(T0 + 900_000), Duration.ofMinutes(15), 0, 1.25),
            MeterReading.ofKwh(
                METER, Instant.ofEpochMilli(T0 + 3_600_000), Duration.ofHours(1), 2, 0));
    assertThat(d.indexes()).containsExactly(0, 1, 2);
  }

  @Test
  void eachReadingIsJudgedOnItsOwn() {
    Decoded d =
        decode(
            message(
                reading(T0, 900, "0.5", "0"),
                "{\"start\":" + T0 + ",\"imp_kwh\":1,\"exp_kwh\":0}",
                reading(T0 + 900_000, 900, "-0.1", "0"),
                reading(T0 + 1_800_000, 600, "0.1", "0"),
                reading(T0 + 60_000, 900, "0.1", "0"),
                reading(T0 + 2_700_000, 900, "10000.5", "0"),
                reading(T0, 900, "0.7", "0"),
                reading(T0 + 3_600_000, 900, "0.3", "0"),
                "{\"start\":1.5,\"dur_s\":900,\"imp_kwh\":1,\"exp_kwh\":0}"));
    assertThat(d.verdict()).isEqualTo(ReadingVerdict.ACCEPTED);
    assertThat(d.indexes()).containsExactly(0, 7);
    assertThat(d.refusals())
        .extracting(Refusal::index, Refusal::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ReadingVerdict.MISSING),
            org.assertj.core.groups.Tuple.tuple(2, ReadingVerdict.NEGATIVE),
            org.assertj.core.groups.Tuple.tuple(3, ReadingVerdict.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(4, ReadingVerdict.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(5, ReadingVerdict.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple(6, ReadingVerdict.DUPLICATE),
            org.assertj.core.groups.Tuple.tuple(8, ReadingVerdict.OUT_OF_RANGE));
    assertThat(d.refusals().get(0).start()).hasValue(Instant.ofEpochMilli(T0));
    assertThat(d.refusals().get(0).message()).isEqualTo("no dur_s");
    assertThat(d.refusals().get(6).start()).as("1.5 is no start").isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                             | MALFORMED",
        "[]                                                             | MALFORMED",
        "{\"v\":1,\"readings\":[]                                       | MALFORMED",
        "{\"v\":1,\"readings\":[],\"readings\":[]}                      | MALFORMED",
        "{\"v\":1,\"readings\":[],\"meter\":\"x\"}                      | MALFORMED",
        "{\"v\":\"1\",\"readings\":[]}                                  | MALFORMED",
        "{\"v\":1,\"readings\":{}}                                      | MALFORMED",
        "{\"v\":1,\"readings\":[1]}                                     | MALFORMED",
        "{\"v\":1,\"readings\":[[]]}                                    | MALFORMED",
        "{\"v\":1,\"readings\":[{\"start\":0,\"dur_s\":900,\"imp_kwh\":1,\"exp_kwh\":0,\"q\":1}]} | MALFORMED",
        "{\"v\":1,\"readings\":[{\"start\":0,\"dur_s\":\"900\",\"imp_kwh\":1,\"exp_kwh\":0}]} | MALFORMED",
        "{\"v\":1,\"readings\":[{\"start\":0,\"dur_s\":900,\"imp_kwh\":null,\"exp_kwh\":0}]} | MALFORMED",
        "{\"v\":1,\"readings\":[{\"start\":0,\"start\":0,\"dur_s\":900,\"imp_kwh\":1,\"exp_kwh\":0}]} | MALFORMED",
        "{\"v\":1,\"readings\":[{\"start\":0,\"dur_s\":900,\"imp_kwh\":{\"a\":1},\"exp_kwh\":0}]} | MALFORMED",
        "{\"readings\":[]}                                              | MISSING",
        "{\"v\":1}                                                      | MISSING",
        "{\"v\":2,\"readings\":[{}]}                                    | OUT_OF_RANGE",
        "{\"v\":1,\"readings\":[]}                                      | OUT_OF_RANGE"
      })
  void aMessageNotOfTheProtocolsShapeIsRefusedWhole(String json, ReadingVerdict expected) {
    Decoded d = decode(json);
    assertThat(d.verdict()).isEqualTo(expected);
    assertThat(d.problem()).isNotBlank();
    assertThat(d.readings()).isEmpty();
    assertThat(d.refusals()).isEmpty();
  }

  @Test
  void tooManyReadingsOrTooManyBytesAreRefusedWhole() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= MeterReadingCodec.MAX_READINGS; i++) {
      many.add(reading(T0 + i * 900_000L, 900, "1", "0"));
    }
    assertThat(decode(message(many.toArray(String[]::new))).verdict())
        .isEqualTo(ReadingVerdict.OUT_OF_RANGE);
    byte[] big = new byte[MeterReadingCodec.MAX_PAYLOAD + 1];
    assertThat(MeterReadingCodec.decode(METER, big).verdict()).isEqualTo(ReadingVerdict.MALFORMED);
  }

  @Test
  void theEncoderWritesWhatTheDecoderReads() {
    MeterReading r =
        MeterReading.ofKwh(METER, Instant.ofEpochMilli(T0), Duration.ofMinutes(15), 0.42, 0);
    String json = new String(MeterReadingCodec.encode(List.of(r)), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"v\":1,\"readings\":[{\"start\":1565913600000,\"dur_s\":900,\"imp_kwh\":0.42,"
                + "\"exp_kwh\":0}]}");
    assertThat(decode(json).readings()).containsExactly(r);
  }

  @Test
  void theEncoderRefusesWhatNoMessageMayCarry() {
    MeterReading a =
        MeterReading.ofKwh(METER, Instant.ofEpochMilli(T0), Duration.ofMinutes(15), 1, 0);
    MeterReading b =
        MeterReading.ofKwh("m-other", Instant.ofEpochMilli(T0), Duration.ofMinutes(15), 1, 0);
    assertThatThrownBy(() -> MeterReadingCodec.encode(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("split");
    assertThatThrownBy(() -> MeterReadingCodec.encode(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one meter's readings");
  }

  @Provide
  Gen<List<MeterReading>> readings() {
    Gen<Integer> minutes = Gen.of(5, 15, 30, 60);
    Gen<Long> slots = Gen.longs(0, 2_000_000);
    Gen<Double> kwh = Gen.doubles(0, MeterReading.MAX_KWH);
    Gen<MeterReading> one =
        in -> {
          int m = minutes.next(in);
          long slot = slots.next(in);
          return MeterReading.ofKwh(
              METER,
              Instant.ofEpochSecond(slot * m * 60L),
              Duration.ofMinutes(m),
              kwh.next(in),
              kwh.next(in));
        };
    return one.uniqueList(1, 60, r -> r.start());
  }

  @Property(tries = 300)
  void readingsRoundTripThroughTheWire(@ForAll("readings") List<MeterReading> sent) {
    byte[] payload = MeterReadingCodec.encode(sent);
    Decoded d = MeterReadingCodec.decode(METER, payload);
    assertThat(d.verdict()).isEqualTo(ReadingVerdict.ACCEPTED);
    assertThat(d.refusals()).isEmpty();
    assertThat(d.readings()).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      MeterReading a = sent.get(i);
      MeterReading b = d.readings().get(i);
      assertThat(b.meterId()).isEqualTo(a.meterId());
      assertThat(b.start()).isEqualTo(a.start());
      assertThat(b.length()).isEqualTo(a.length());
      // The wire carries a milliwatt-hour.
      assertThat(b.imported().kilowattHours())
          .isCloseTo(a.imported().kilowattHours(), within(0.6e-6));
      assertThat(b.exported().kilowattHours())
          .isCloseTo(a.exported().kilowattHours(), within(0.6e-6));
    }
    // What was read once is written again byte for byte.
    assertThat(MeterReadingCodec.encode(d.readings())).isEqualTo(payload);
  }

  @Property(tries = 3000)
  void anyBytesGetAVerdictAndNeverAnException(@ForAll @Size(max = 300) byte[] junk) {
    assertThat(MeterReadingCodec.decode(METER, junk).verdict()).isNotNull();
    assertThat(MeterReadingCodec.decodeReceipt(junk)).isNotNull();
  }

  @Property(tries = 3000)
  void mutatedMessagesGetAVerdictAndNeverAnException(
      @ForAll byte with, @ForAll long seed, @ForAll("readings") List<MeterReading> sent) {
    byte[] good = MeterReadingCodec.encode(sent);
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[] bad = good.clone();
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      bad[r.nextInt(bad.length)] = with;
    }
    byte[] cut = java.util.Arrays.copyOf(bad, r.nextInt(bad.length + 1));
    assertThat(MeterReadingCodec.decode(METER, cut).verdict()).isNotNull();
  }

  @Test
  void deepNestingIsRefusedWithoutExhaustingTheStack() {
    String deep = "[".repeat(100_000);
    assertThat(decode(deep).verdict()).isEqualTo(ReadingVerdict.MALFORMED);
    assertThat(decode("{\"v\":1,\"readings\":[{\"start\":[[1]]}]}").problem()).contains("nested");
  }

  @Test
  void receiptsRoundTrip() {
    Receipt counted =
        new Receipt.Counted(
            95,
            List.of(
                new Refusal(3, Optional.of(Instant.ofEpochMilli(T0)), ReadingVerdict.DUPLICATE, ""),
                new Refusal(7, Optional.empty(), ReadingVerdict.MISSING, "no \"start\"")));
    String json = new String(MeterReadingCodec.encodeReceipt(counted), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"v\":1,\"accepted\":95,\"refused\":[{\"i\":3,\"start\":1565913600000,\"reason\":"
                + "\"duplicate\"},{\"i\":7,\"reason\":\"missing\",\"message\":\"no \\\"start\\\"\"}]}");
    assertThat(MeterReadingCodec.decodeReceipt(json.getBytes(StandardCharsets.UTF_8)).receipt())
        .hasValue(counted);
    Receipt failed = new Receipt.Failed(ReadingVerdict.MALFORMED, "'}' expected at character 9");
    assertThat(MeterReadingCodec.decodeReceipt(MeterReadingCodec.encodeReceipt(failed)).receipt())
        .hasValue(failed);
    assertThat(
            MeterReadingCodec.decodeReceipt(
                    MeterReadingCodec.encodeReceipt(new Receipt.Counted(4, List.of())))
                .receipt())
        .hasValue(new Receipt.Counted(4, List.of()));
  }

  @Test
  void aReceiptNotOfTheProtocolsShapeIsRefused() {
    for (String bad :
        List.of(
            "{\"v\":1,\"accepted\":1}",
            "{\"v\":1,\"accepted\":1,\"refused\":[],\"error\":\"malformed\",\"message\":\"\"}",
            "{\"v\":1,\"accepted\":-1,\"refused\":[]}",
            "{\"v\":1,\"accepted\":1,\"refused\":[{\"i\":0,\"reason\":\"accepted\"}]}",
            "{\"v\":1,\"accepted\":1,\"refused\":[{\"i\":0,\"reason\":\"bored\"}]}",
            "{\"v\":1,\"error\":\"accepted\",\"message\":\"\"}",
            "{\"v\":2,\"accepted\":1,\"refused\":[]}")) {
      assertThat(MeterReadingCodec.decodeReceipt(bad.getBytes(StandardCharsets.UTF_8)).receipt())
          .as(bad)
          .isEmpty();
    }
  }
}
