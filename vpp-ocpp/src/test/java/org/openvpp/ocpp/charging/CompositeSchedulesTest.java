package org.openvpp.ocpp.charging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.units.Power;

class CompositeSchedulesTest {
  private static final Optional<PhaseVoltage> NO_VOLTAGE = Optional.empty();

  /** An answer as a charger sends it; the test fails if it would not pass the response schema. */
  private static ObjectNode answer(OcppVersion v, String json) {
    ObjectNode a = Frames.object(json);
    assertThat(TestSchemas.get().checkResponse(v, "GetCompositeSchedule", a)).as(json).isEmpty();
    return a;
  }

  private static CompositeSchedule schedule(ScheduleAnswer a) {
    assertThat(a).isInstanceOf(ScheduleAnswer.Schedule.class);
    return ((ScheduleAnswer.Schedule) a).schedule();
  }

  @Test
  void a16AnswerInWattsIsRead() {
    ObjectNode a =
        answer(
            OcppVersion.V1_6,
            "{\"status\":\"Accepted\",\"connectorId\":1,"
                + "\"scheduleStart\":\"2026-12-01T18:00:00Z\",\"chargingSchedule\":{"
                + "\"duration\":3600,\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
                + "{\"startPeriod\":0,\"limit\":7400.0},{\"startPeriod\":900,\"limit\":3700.5}]}}");
    CompositeSchedule s = schedule(CompositeSchedules.read(OcppVersion.V1_6, 1, a, NO_VOLTAGE));
    assertThat(s.evseId()).isEqualTo(1);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(s.duration()).contains(Duration.ofHours(1));
    assertThat(s.periods())
        .containsExactly(
            LimitPeriod.of(Duration.ZERO, Power.ofWatts(7_400)),
            LimitPeriod.of(Duration.ofMinutes(15), Power.ofWatts(3_700.5)));
    assertThat(s.limitAt(Instant.parse("2026-12-01T18:14:59Z"))).contains(Power.ofWatts(7_400));
    assertThat(s.limitAt(Instant.parse("2026-12-01T18:15:00Z"))).contains(Power.ofWatts(3_700.5));
    assertThat(s.limitAt(Instant.parse("2026-12-01T19:00:00Z"))).isEmpty();
    assertThat(s.limitAt(Instant.parse("2026-12-01T17:59:59Z"))).isEmpty();
  }

  @Test
  void a16AnswerWithoutScheduleStartTakesTheSchedulesOwnStart() {
    ObjectNode a =
        answer(
            OcppVersion.V1_6,
            "{\"status\":\"Accepted\",\"chargingSchedule\":{"
                + "\"startSchedule\":\"2026-12-01T18:00:00Z\",\"chargingRateUnit\":\"W\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000}]}}");
    CompositeSchedule s = schedule(CompositeSchedules.read(OcppVersion.V1_6, 2, a, NO_VOLTAGE));
    assertThat(s.evseId()).isEqualTo(2);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(s.duration()).isEmpty();
  }

  @Test
  void anAnswerInAmperesIsReadInWattsWithTheChargersVoltage() {
    ObjectNode a =
        answer(
            OcppVersion.V1_6,
            "{\"status\":\"Accepted\",\"connectorId\":1,"
                + "\"scheduleStart\":\"2026-12-01T18:00:00Z\",\"chargingSchedule\":{"
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":["
                + "{\"startPeriod\":0,\"limit\":16.0},"
                + "{\"startPeriod\":600,\"limit\":10.0,\"numberPhases\":1}]}}");
    CompositeSchedule s =
        schedule(
            CompositeSchedules.read(OcppVersion.V1_6, 1, a, Optional.of(new PhaseVoltage(230))));
    // 16 A on the 3 phases OCPP assumes, then 10 A on one phase
    assertThat(s.periods().get(0).limit()).isEqualTo(Power.ofWatts(16 * 230 * 3));
    assertThat(s.periods().get(1).limit()).isEqualTo(Power.ofWatts(10 * 230));
  }

  @Test
  void anAnswerInAmperesWithoutAVoltageIsRefusedClearly() {
    for (OcppVersion v : OcppVersion.values()) {
      ObjectNode a =
          answer(
              v,
              v == OcppVersion.V1_6
                  ? "{\"status\":\"Accepted\",\"scheduleStart\":\"2026-12-01T18:00:00Z\","
                      + "\"chargingSchedule\":{\"chargingRateUnit\":\"A\","
                      + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]}}"
                  : "{\"status\":\"Accepted\",\"schedule\":{\"evseId\":1,\"duration\":600,"
                      + "\"scheduleStart\":\"2026-12-01T18:00:00Z\",\"chargingRateUnit\":\"A\","
                      + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]}}");
      ScheduleAnswer read = CompositeSchedules.read(v, 1, a, NO_VOLTAGE);
      assertThat(read).isInstanceOf(ScheduleAnswer.Unreadable.class);
      assertThat(((ScheduleAnswer.Unreadable) read).reason())
          .contains("amperes")
          .contains("voltage");
    }
  }

  @Test
  void an16AcceptedAnswerWithoutAScheduleOrAStartIsUnreadable() {
    ScheduleAnswer none =
        CompositeSchedules.read(
            OcppVersion.V1_6, 1, answer(OcppVersion.V1_6, "{\"status\":\"Accepted\"}"), NO_VOLTAGE);
    assertThat(none)
        .isEqualTo(
            new ScheduleAnswer.Unreadable("the answer is Accepted but holds no chargingSchedule"));
    ScheduleAnswer noStart =
        CompositeSchedules.read(
            OcppVersion.V1_6,
            1,
            answer(
                OcppVersion.V1_6,
                "{\"status\":\"Accepted\",\"chargingSchedule\":{\"chargingRateUnit\":\"W\","
                    + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":1}]}}"),
            NO_VOLTAGE);
    assertThat(noStart).isInstanceOf(ScheduleAnswer.Unreadable.class);
  }

  @Test
  void a201AnswerIsRead() {
    ObjectNode a =
        answer(
            OcppVersion.V2_0_1,
            "{\"status\":\"Accepted\",\"schedule\":{\"evseId\":2,\"duration\":1800,"
                + "\"scheduleStart\":\"2026-12-01T18:00:00.000+01:00\",\"chargingRateUnit\":\"W\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":22000,"
                + "\"numberPhases\":3}]}}");
    CompositeSchedule s = schedule(CompositeSchedules.read(OcppVersion.V2_0_1, 2, a, NO_VOLTAGE));
    assertThat(s.evseId()).isEqualTo(2);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));
    assertThat(s.duration()).contains(Duration.ofMinutes(30));
    assertThat(s.periods())
        .containsExactly(new LimitPeriod(Duration.ZERO, Power.ofKilowatts(22), Optional.of(3)));
  }

  @Test
  void aRejectionIsReadWithItsReason() {
    assertThat(
            CompositeSchedules.read(
                OcppVersion.V1_6,
                1,
                answer(OcppVersion.V1_6, "{\"status\":\"Rejected\"}"),
                NO_VOLTAGE))
        .isEqualTo(new ScheduleAnswer.Rejected("Rejected"));
    assertThat(
            CompositeSchedules.read(
                OcppVersion.V2_0_1,
                9,
                answer(
                    OcppVersion.V2_0_1,
                    "{\"status\":\"Rejected\",\"statusInfo\":{\"reasonCode\":\"UnknownEVSE\","
                        + "\"additionalInfo\":\"no EVSE 9\"}}"),
                NO_VOLTAGE))
        .isEqualTo(new ScheduleAnswer.Rejected("Rejected (UnknownEVSE: no EVSE 9)"));
  }

  @Test
  void aNegativeLimitIsUnreadable() {
    ObjectNode a =
        answer(
            OcppVersion.V2_0_1,
            "{\"status\":\"Accepted\",\"schedule\":{\"evseId\":1,\"duration\":60,"
                + "\"scheduleStart\":\"2026-12-01T18:00:00Z\",\"chargingRateUnit\":\"W\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":-5}]}}");
    assertThat(CompositeSchedules.read(OcppVersion.V2_0_1, 1, a, NO_VOLTAGE))
        .isInstanceOf(ScheduleAnswer.Unreadable.class);
  }
}
