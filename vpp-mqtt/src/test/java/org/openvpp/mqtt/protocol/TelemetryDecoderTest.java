package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.check.Size;

class TelemetryDecoderTest {
  private final TelemetryDecoder decoder = new TelemetryDecoder();
  private final TelemetryBatch batch = new TelemetryBatch();

  private Verdict decode(String json) {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesEveryField() {
    assertThat(
            decode(
                "{\"v\":1,\"seq\":1024,\"ts\":1565913600000,\"p_kw\":-4.2,\"e_kwh\":8.1,"
                    + "\"t_c\":23.5,\"plug\":true}"))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(decoder.sequence()).isEqualTo(1024);
    assertThat(decoder.timestampMillis()).isEqualTo(1565913600000L);
    assertThat(decoder.powerKw()).isEqualTo(-4.2);
    assertThat(decoder.storedKwh()).isEqualTo(8.1);
    assertThat(decoder.temperatureC()).isEqualTo(23.5);
    assertThat(decoder.plug()).isEqualTo(1);
  }

  @Test
  void decodesAChargingNeedAndItRoundTripsThroughTheEncoder() {
    var t =
        new org.openvpp.twin.Telemetry(
            org.openvpp.device.DeviceId.of("ev-1"),
            java.time.Instant.ofEpochMilli(1565913600000L),
            7,
            org.openvpp.units.Power.ofKilowatts(6.6),
            org.openvpp.units.Energy.ofKilowattHours(31.25),
            java.util.Optional.empty(),
            java.util.Optional.of(true),
            java.util.Optional.of(
                new org.openvpp.twin.ChargeNeed(
                    org.openvpp.units.Energy.ofKilowattHours(18.5),
                    java.time.Instant.ofEpochMilli(1565942400000L))));
    assertThat(decoder.decode(TelemetryEncoder.encode(t))).isEqualTo(Verdict.ACCEPTED);
    assertThat(decoder.needKwh()).isEqualTo(18.5);
    assertThat(decoder.readyAtMillis()).isEqualTo(1565942400000L);
    assertThat(decoder.plug()).isEqualTo(1);
    assertThat(decode("{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1}")).isEqualTo(Verdict.ACCEPTED);
    assertThat(decoder.needKwh()).as("forgotten by the next message").isNaN();
  }

  @Test
  void optionalFieldsAreAbsentUntilReported() {
    assertThat(decode(" {\n \"p_kw\" : 0 , \"ts\":0,\"seq\":0,\"v\":1 }\r\n"))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(decoder.storedKwh()).isNaN();
    assertThat(decoder.temperatureC()).isNaN();
    assertThat(decoder.plug()).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                              | MALFORMED",
        "[]                                                              | MALFORMED",
        "{}                                                              | MISSING",
        "{\"v\":1,\"seq\":1,\"ts\":1}                                    | MISSING",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"p_kw\":2}              | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"extra\":2}             | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":\"1\"}                     | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":01}                        | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1.}                        | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":-}                         | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":NaN}                       | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,}                        | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1} x                       | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":{\"a\":1}}                 | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":null}                      | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"plug\":1}              | MALFORMED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_k\\w\":1}                       | MALFORMED",
        "{\"v\":2,\"seq\":1,\"ts\":1,\"p_kw\":1}                         | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":-1,\"ts\":1,\"p_kw\":1}                        | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1.5,\"ts\":1,\"p_kw\":1}                       | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1000.5}                    | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1e308}                     | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"e_kwh\":-1}            | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"t_c\":400}             | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"need_kwh\":5}         | MISSING",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1,\"ready_ts\":9}         | MISSING",
        "{\"v\":1,\"seq\":1,\"ts\":9,\"p_kw\":1,\"need_kwh\":-1,\"ready_ts\":9} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":9,\"p_kw\":1,\"need_kwh\":1,\"ready_ts\":8}  | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":9,\"p_kw\":1,\"need_kwh\":1,\"ready_ts\":9.5} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":0,\"p_kw\":1,\"need_kwh\":1,\"ready_ts\":604800001} | OUT_OF_RANGE",
        "{\"v\":1,\"seq\":1,\"ts\":9,\"p_kw\":1,\"need_kwh\":0,\"ready_ts\":9}  | ACCEPTED",
        "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":-1E+2}                     | ACCEPTED",
        "{\"v\":1,\"seq\":9007199254740992,\"ts\":1,\"p_kw\":0}          | ACCEPTED"
      })
  void refusesWhatIsNotProtocol(String json, Verdict expected) {
    assertThat(decode(json)).isEqualTo(expected);
  }

  @Test
  void refusesOversizedPayloadsBeforeReadingThem() {
    byte[] big = new byte[Topics.MAX_PAYLOAD + 1];
    assertThat(decoder.decode(big)).isEqualTo(Verdict.OVERSIZED);
  }

  @Property(tries = 2000)
  void numbersDecodeExactlyAsJavaParsesThem(
      @ForAll @DoubleRange(min = -1000, max = 1000) double power,
      @ForAll @LongRange(min = 0, max = 1L << 53) long seq) {
    String text = Double.toString(power);
    String fixed = String.format(Locale.ROOT, "%.6f", power);
    for (String p : new String[] {text, fixed}) {
      String json = "{\"v\":1,\"seq\":" + seq + ",\"ts\":1565913600000,\"p_kw\":" + p + "}";
      assertThat(decode(json)).isEqualTo(Verdict.ACCEPTED);
      assertThat(decoder.powerKw()).isEqualTo(Double.parseDouble(p));
      assertThat(decoder.sequence()).isEqualTo(seq);
    }
  }

  @Property(tries = 3000)
  void anyBytesGetAVerdictAndNeverAnException(@ForAll @Size(max = 200) byte[] junk) {
    assertThat(decoder.decode(junk)).isNotNull();
  }

  @Property(tries = 3000)
  void mutatedMessagesGetAVerdictAndNeverAnException(
      @ForAll @LongRange(min = 0, max = 60) long at, @ForAll byte with, @ForAll long seed) {
    byte[] good =
        "{\"v\":1,\"seq\":12,\"ts\":1565913600000,\"p_kw\":-4.25,\"e_kwh\":8.1,\"plug\":false}"
            .getBytes(StandardCharsets.UTF_8);
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[] bad = good.clone();
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      bad[(int) ((at + r.nextInt(good.length)) % good.length)] = with;
    }
    int cut = r.nextInt(bad.length + 1);
    assertThat(decoder.decode(bad, 0, cut)).isNotNull();
  }

  private Verdict decodeBatch(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return decoder.decodeBatch(b, 0, b.length, batch);
  }

  @Test
  void aBatchIsReadReportByReportWithTheSameChecksAsOne() {
    String json =
        "{\"reports\":[{\"id\":\"acme:1\",\"seq\":3,\"ts\":1565913600000,\"p_kw\":-4.2,"
            + "\"e_kwh\":8.1,\"plug\":true},"
            + " {\"id\":\"acme:2\",\"seq\":1,\"ts\":1,\"p_kw\":2000},\n"
            + "{\"v\":1,\"seq\":1,\"ts\":1,\"p_kw\":1},"
            + "{\"v\":1,\"id\":\"acme:4\",\"seq\":9,\"ts\":5,\"p_kw\":0,\"need_kwh\":1}"
            + "],\"v\":1}";
    assertThat(decodeBatch(json)).isEqualTo(Verdict.ACCEPTED);
    assertThat(batch.size()).isEqualTo(4);
    assertThat(batch.verdict(0)).isEqualTo(Verdict.ACCEPTED);
    assertThat(json.substring(batch.idStart(0), batch.idEnd(0))).isEqualTo("acme:1");
    assertThat(batch.sequence(0)).isEqualTo(3);
    assertThat(batch.timestampMillis(0)).isEqualTo(1565913600000L);
    assertThat(batch.powerKw(0)).isEqualTo(-4.2);
    assertThat(batch.storedKwh(0)).isEqualTo(8.1);
    assertThat(batch.plug(0)).isEqualTo(1);
    assertThat(batch.temperatureC(0)).isNaN();
    assertThat(batch.verdict(1)).isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(json.substring(batch.idStart(1), batch.idEnd(1))).isEqualTo("acme:2");
    assertThat(batch.verdict(2)).as("no id").isEqualTo(Verdict.MISSING);
    assertThat(batch.idStart(2)).isEqualTo(-1);
    assertThat(batch.verdict(3)).as("a need without ready_ts").isEqualTo(Verdict.MISSING);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                                  | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}]}  | ACCEPTED",
        "{\"v\":1,\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}    | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}]}x | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1,\"x\":1}]} | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":\"a\\\\1\",\"seq\":1,\"ts\":1,\"p_kw\":1}]} | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":1,\"seq\":1,\"ts\":1,\"p_kw\":1}]}           | MALFORMED",
        "{\"v\":1,\"reports\":[{\"id\":\"a:1\",\"id\":\"a:2\",\"seq\":1,\"ts\":1,\"p_kw\":1}]} | MALFORMED",
        "{\"v\":1,\"reports\":[1]}                                       | MALFORMED",
        "{\"v\":1,\"reports\":{}}                                        | MALFORMED",
        "{\"v\":1,\"v\":1,\"reports\":[]}                              | MALFORMED",
        "{\"v\":1,\"reports\":[],\"seq\":1}                            | MALFORMED",
        "{\"v\":1}                                                         | MISSING",
        "{\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}]}   | MISSING",
        "{\"v\":1,\"reports\":[]}                                        | OUT_OF_RANGE",
        "{\"v\":2,\"reports\":[{\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}]} | OUT_OF_RANGE"
      })
  void aBatchEnvelopeIsJudgedWhole(String json, Verdict expected) {
    assertThat(decodeBatch(json)).isEqualTo(expected);
  }

  @Test
  void aSingleReportMayNotNameADevice() {
    assertThat(decode("{\"v\":1,\"id\":\"a:1\",\"seq\":1,\"ts\":1,\"p_kw\":1}"))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(decode("{\"v\":1,\"reports\":[],\"seq\":1,\"ts\":1,\"p_kw\":1}"))
        .isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void aBatchHoldsAtMostAThousandReportsAnd256KiB() {
    StringBuilder sb = new StringBuilder("{\"v\":1,\"reports\":[");
    for (int i = 0; i <= TelemetryBatch.MAX_REPORTS; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":\"a:")
          .append(i)
          .append("\",\"seq\":1,\"ts\":1,\"p_kw\":1}");
    }
    assertThat(decodeBatch(sb.append("]}").toString())).isEqualTo(Verdict.OUT_OF_RANGE);
    byte[] big = new byte[TelemetryBatch.MAX_PAYLOAD + 1];
    assertThat(decoder.decodeBatch(big, 0, big.length, batch)).isEqualTo(Verdict.OVERSIZED);
  }

  @Property(tries = 300)
  void aBatchRoundTripsThroughTheEncoder(
      @ForAll @Size(min = 1, max = 200)
          java.util.List<@DoubleRange(min = -1000, max = 1000) Double> powers,
      @ForAll @LongRange(min = 0, max = 1L << 40) long seq) {
    java.util.List<org.openvpp.twin.Telemetry> sent = new java.util.ArrayList<>();
    for (int i = 0; i < powers.size(); i++) {
      sent.add(
          new org.openvpp.twin.Telemetry(
              org.openvpp.device.DeviceId.of("acme:" + i),
              java.time.Instant.ofEpochMilli(1565913600000L + i),
              seq + i,
              org.openvpp.units.Power.ofKilowatts(powers.get(i)),
              org.openvpp.units.Energy.ofKilowattHours(i % 3),
              i % 2 == 0
                  ? java.util.Optional.empty()
                  : java.util.Optional.of(org.openvpp.units.Temperature.ofCelsius(21.5)),
              i % 5 == 0 ? java.util.Optional.of(true) : java.util.Optional.empty()));
    }
    byte[] payload = TelemetryEncoder.encodeBatch(sent);
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    assertThat(decoder.decodeBatch(payload, 0, payload.length, batch)).isEqualTo(Verdict.ACCEPTED);
    assertThat(batch.size()).isEqualTo(sent.size());
    TelemetryDecoder single = new TelemetryDecoder();
    for (int i = 0; i < sent.size(); i++) {
      org.openvpp.twin.Telemetry t = sent.get(i);
      assertThat(batch.verdict(i)).isEqualTo(Verdict.ACCEPTED);
      assertThat(text.substring(batch.idStart(i), batch.idEnd(i))).isEqualTo(t.device().value());
      // The same report alone decodes to the same values.
      assertThat(single.decode(TelemetryEncoder.encode(t))).isEqualTo(Verdict.ACCEPTED);
      assertThat(batch.sequence(i)).isEqualTo(single.sequence()).isEqualTo(t.sequence());
      assertThat(batch.timestampMillis(i)).isEqualTo(single.timestampMillis());
      assertThat(batch.powerKw(i)).isEqualTo(single.powerKw());
      // NaN when absent in both: compared as values, not with ==.
      assertThat(Double.compare(batch.storedKwh(i), single.storedKwh())).isZero();
      assertThat(Double.compare(batch.temperatureC(i), single.temperatureC())).isZero();
      assertThat(batch.plug(i)).isEqualTo(single.plug());
    }
  }

  @Property(tries = 3000)
  void anyBytesGetABatchVerdictAndNeverAnException(@ForAll @Size(max = 300) byte[] junk) {
    assertThat(decoder.decodeBatch(junk, 0, junk.length, batch)).isNotNull();
  }

  @Property(tries = 3000)
  void mutatedBatchesGetAVerdictAndNeverAnException(@ForAll byte with, @ForAll long seed) {
    byte[] good =
        ("{\"v\":1,\"reports\":[{\"id\":\"acme:1\",\"seq\":12,\"ts\":1565913600000,"
                + "\"p_kw\":-4.25,\"e_kwh\":8.1,\"plug\":false},{\"id\":\"acme:2\",\"seq\":3,"
                + "\"ts\":1565913600000,\"p_kw\":1}]}")
            .getBytes(StandardCharsets.UTF_8);
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[] bad = good.clone();
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      bad[r.nextInt(good.length)] = with;
    }
    int cut = r.nextInt(bad.length + 1);
    Verdict v = decoder.decodeBatch(bad, 0, cut, batch);
    assertThat(v).isNotNull();
    for (int i = 0; i < batch.size(); i++) {
      assertThat(batch.idEnd(i)).isLessThanOrEqualTo(cut);
    }
  }
}
