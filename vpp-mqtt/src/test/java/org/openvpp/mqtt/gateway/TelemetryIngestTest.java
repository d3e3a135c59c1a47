package org.openvpp.mqtt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class TelemetryIngestTest {
  static final Instant NOW = Instant.parse("2019-08-16T00:00:00Z");
  static final String BAT = "home-000001-bat";
  static final String TOPIC = Topics.of(BAT, Channel.TELEMETRY);

  private final SimulationClock clock = SimulationClock.stepped(NOW, ZoneOffset.UTC);
  private TwinStore twins;
  private AggregationTree tree;
  private TelemetryIngest ingest;
  private final List<Telemetry> late = new ArrayList<>();

  @BeforeEach
  void setUp() {
    twins = new TwinStore(Duration.ofMinutes(5));
    tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    int d =
        twins.register(
            new Battery(
                DeviceId.of(BAT),
                Energy.ofKilowattHours(13.5),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(2.7)));
    tree.assign(d, GroupId.FLEET);
    ingest = TelemetryIngest.withDefaults(twins, clock, late::add);
  }

  static byte[] report(long seq, Instant at, double kw, double kwh) {
    return ("{\"v\":1,\"seq\":"
            + seq
            + ",\"ts\":"
            + at.toEpochMilli()
            + ",\"p_kw\":"
            + kw
            + ",\"e_kwh\":"
            + kwh
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aGoodReportReachesTheTwinAndTheTree() {
    assertThat(ingest.accept(TOPIC, report(1, NOW, -3.5, 9))).isEqualTo(Verdict.ACCEPTED);
    assertThat(twins.powerKw(0)).isEqualTo(-3.5);
    assertThat(twins.storedKwh(0)).isEqualTo(9);
    assertThat(tree.totals(GroupId.FLEET).power().kilowatts()).isEqualTo(-3.5);
    assertThat(ingest.count(Verdict.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void plugStateAndTemperatureReachTheTwin() {
    byte[] r =
        ("{\"v\":1,\"seq\":1,\"ts\":"
                + NOW.toEpochMilli()
                + ",\"p_kw\":7.2,\"t_c\":21.5,\"plug\":true}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(ingest.accept(TOPIC, r)).isEqualTo(Verdict.ACCEPTED);
    assertThat(twins.pluggedIn(0)).hasValue(true);
    assertThat(twins.temperature(0))
        .hasValueSatisfying(t -> assertThat(t.celsius()).isEqualTo(21.5));
    assertThat(ingest.accept(TOPIC, report(2, NOW, 0, 5))).isEqualTo(Verdict.ACCEPTED);
    assertThat(twins.pluggedIn(0)).isEmpty();
  }

  @Test
  void aChargingNeedReachesTheTwin() {
    long ready = NOW.plus(Duration.ofHours(9)).toEpochMilli();
    byte[] r =
        ("{\"v\":1,\"seq\":1,\"ts\":"
                + NOW.toEpochMilli()
                + ",\"p_kw\":7.2,\"plug\":true,\"need_kwh\":18.25,\"ready_ts\":"
                + ready
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(ingest.accept(TOPIC, r)).isEqualTo(Verdict.ACCEPTED);
    assertThat(twins.needKwh(0)).isEqualTo(18.25);
    assertThat(twins.readyAtMillis(0)).isEqualTo(ready);
    byte[] half =
        ("{\"v\":1,\"seq\":2,\"ts\":" + NOW.toEpochMilli() + ",\"p_kw\":7.2,\"need_kwh\":3}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(ingest.accept(TOPIC, half)).isEqualTo(Verdict.MISSING);
    assertThat(twins.needKwh(0)).as("a refused report changes nothing").isEqualTo(18.25);
  }

  @Test
  void aLateReportNeverOverwritesANewerOneButIsKeptForTheHistory() {
    ingest.accept(TOPIC, report(5, NOW, -1, 9));
    assertThat(ingest.accept(TOPIC, report(4, NOW.minusSeconds(60), -4, 10)))
        .isEqualTo(Verdict.LATE);
    assertThat(twins.powerKw(0)).isEqualTo(-1);
    assertThat(late).hasSize(1);
    Telemetry kept = late.get(0);
    assertThat(kept.device()).isEqualTo(DeviceId.of(BAT));
    assertThat(kept.sequence()).isEqualTo(4);
    assertThat(kept.at()).isEqualTo(NOW.minusSeconds(60));
    assertThat(kept.power().kilowatts()).isEqualTo(-4);
    assertThat(kept.stored().kilowattHours()).isEqualTo(10);
  }

  @Test
  void aRepeatOfTheLastAcceptedSequenceIsADuplicateAndIsNotKept() {
    ingest.accept(TOPIC, report(5, NOW, -1, 9));
    assertThat(ingest.accept(TOPIC, report(5, NOW, -2, 9))).isEqualTo(Verdict.DUPLICATE);
    assertThat(twins.powerKw(0)).isEqualTo(-1);
    assertThat(late).isEmpty();
  }

  @Test
  void aReportMeasuredLongerAgoThanTheTwinsTakeIsLateNotStale() {
    assertThat(ingest.accept(TOPIC, report(1, NOW.minus(Duration.ofMinutes(16)), -3, 0)))
        .isEqualTo(Verdict.LATE);
    assertThat(twins.hasReported(0)).as("the twin does not take it").isFalse();
    assertThat(late).extracting(Telemetry::sequence).containsExactly(1L);
    // A newer report still reaches the twin, whose sequence the late one did not move.
    assertThat(ingest.accept(TOPIC, report(2, NOW, -1, 0))).isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.accept(TOPIC, report(1, NOW.minusSeconds(30), -1, 0)))
        .isEqualTo(Verdict.LATE);
  }

  @Test
  void timesAreJudgedAgainstTheGatewaysClock() {
    assertThat(ingest.accept(TOPIC, report(1, NOW.minus(Duration.ofDays(8)), 0, 0)))
        .isEqualTo(Verdict.STALE);
    assertThat(ingest.accept(TOPIC, report(2, NOW.plus(Duration.ofMinutes(6)), 0, 0)))
        .isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(ingest.accept(TOPIC, report(3, NOW.plus(Duration.ofMinutes(4)), 0, 0)))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.accept(TOPIC, report(4, NOW.minus(Duration.ofDays(6)), 0, 0)))
        .isEqualTo(Verdict.LATE);
  }

  @Test
  void theSummarySeparatesRefusalsByReasonFromLateReports() {
    ingest.accept(TOPIC, report(5, NOW, -1, 9));
    ingest.accept(TOPIC, report(5, NOW, -1, 9));
    ingest.accept(TOPIC, report(3, NOW, -1, 9));
    ingest.accept(TOPIC, report(2, NOW, -1, 9));
    ingest.accept(TOPIC, "{".getBytes(StandardCharsets.UTF_8));
    TelemetryIngest.Summary s = ingest.summary();
    assertThat(s.accepted()).isEqualTo(1);
    assertThat(s.late()).isEqualTo(2);
    assertThat(s.refused())
        .containsExactly(Map.entry(Verdict.MALFORMED, 1L), Map.entry(Verdict.DUPLICATE, 1L));
    assertThat(s.refusedTotal()).isEqualTo(2);
  }

  @Test
  void unknownDevicesAndForeignTopicsAreRefused() {
    assertThat(ingest.accept(Topics.of("nobody", Channel.TELEMETRY), report(1, NOW, 0, 0)))
        .isEqualTo(Verdict.UNKNOWN_DEVICE);
    assertThat(ingest.accept(Topics.of(BAT, Channel.ACK), report(1, NOW, 0, 0)))
        .isEqualTo(Verdict.BAD_TOPIC);
    assertThat(ingest.accept("sensors/42", report(1, NOW, 0, 0))).isEqualTo(Verdict.BAD_TOPIC);
  }

  @Test
  void aFloodOfBadMessagesIsCountedAndGoodOnesStillGetThrough() {
    byte[] junk = "{\"v\":1,\"seq\":".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 10_000; i++) {
      assertThat(ingest.accept(TOPIC, junk)).isEqualTo(Verdict.MALFORMED);
    }
    assertThat(ingest.accept(TOPIC, report(1, NOW, -2, 5))).isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.count(Verdict.MALFORMED)).isEqualTo(10_000);
    assertThat(ingest.counts()).containsEntry(Verdict.ACCEPTED, 1L);
  }

  private int registerBattery(String id) {
    int d =
        twins.register(
            new Battery(
                DeviceId.of(id),
                Energy.ofKilowattHours(13.5),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(2.7)));
    tree.assign(d, GroupId.FLEET);
    return d;
  }

  private static byte[] batch(String... reports) {
    return ("{\"v\":1,\"reports\":[" + String.join(",", reports) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String element(String id, long seq, String more) {
    return "{\"id\":\"" + id + "\",\"seq\":" + seq + ",\"ts\":" + NOW.toEpochMilli() + more + "}";
  }

  @Test
  void aCloudsBatchGivesEachReportItsOwnVerdict() {
    int one = registerBattery("acme:1");
    int two = registerBattery("acme:2");
    byte[] b =
        batch(
            element("acme:1", 1, ",\"p_kw\":-2"),
            element("acme:2", 1, ",\"p_kw\":3,\"e_kwh\":-1"),
            element("acme:9", 1, ",\"p_kw\":1"),
            element(BAT, 1, ",\"p_kw\":1"),
            element("acme:2", 2, ",\"p_kw\":4,\"v\":1"),
            element("acme:1", 1, ",\"p_kw\":9"),
            "{\"seq\":1,\"ts\":1,\"p_kw\":1}");
    assertThat(ingest.accept(Topics.batchTelemetry("acme"), b)).isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.counts())
        .containsEntry(Verdict.ACCEPTED, 2L)
        .containsEntry(Verdict.OUT_OF_RANGE, 1L)
        .containsEntry(Verdict.UNKNOWN_DEVICE, 1L)
        .containsEntry(Verdict.BAD_TOPIC, 1L)
        .containsEntry(Verdict.DUPLICATE, 1L)
        .containsEntry(Verdict.MISSING, 1L);
    assertThat(twins.powerKw(one)).isEqualTo(-2);
    assertThat(twins.powerKw(two)).isEqualTo(4);
    assertThat(twins.hasReported(0)).as("another's device, named in acme's batch").isFalse();
    assertThat(tree.totals(GroupId.FLEET).power().kilowatts()).isEqualTo(2);
    assertThat(ingest.batches()).isEqualTo(1);
  }

  @Test
  void aLateReportInABatchIsKeptLikeASingleOne() {
    int one = registerBattery("acme:1");
    ingest.accept(Topics.batchTelemetry("acme"), batch(element("acme:1", 5, ",\"p_kw\":1")));
    assertThat(
            ingest.accept(
                Topics.batchTelemetry("acme"), batch(element("acme:1", 4, ",\"p_kw\":2"))))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.count(Verdict.LATE)).isEqualTo(1);
    assertThat(twins.powerKw(one)).isEqualTo(1);
    assertThat(late).extracting(t -> t.device().value()).containsExactly("acme:1");
  }

  @Test
  void aBatchWhoseEnvelopeIsBrokenChangesNothing() {
    int one = registerBattery("acme:1");
    byte[] whole = batch(element("acme:1", 1, ",\"p_kw\":-2"), element("acme:1", 2, ",\"p_kw\":1"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThat(ingest.accept(Topics.batchTelemetry("acme"), cut)).isEqualTo(Verdict.MALFORMED);
    byte[] unknownKey = batch(element("acme:1", 1, ",\"p_kw\":-2,\"volts\":230"));
    assertThat(ingest.accept(Topics.batchTelemetry("acme"), unknownKey))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(ingest.accept(Topics.batchTelemetry("acme"), batch()))
        .isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(twins.hasReported(one)).isFalse();
    // Another cloud's topic cannot speak for acme's devices.
    assertThat(ingest.accept(Topics.batchTelemetry("other"), whole)).isEqualTo(Verdict.ACCEPTED);
    assertThat(ingest.count(Verdict.BAD_TOPIC)).isEqualTo(2);
    assertThat(twins.hasReported(one)).isFalse();
    assertThat(ingest.batches()).isEqualTo(1);
  }
}
