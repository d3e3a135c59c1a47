package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Statuses;
import org.openvpp.ocpp.server.CallOutcome;
import org.openvpp.ocpp.server.ChargerSession;

/**
 * Asks chargers for their composite schedule and reads the answers of both versions.
 *
 * <p>Design note. The central system asks in watts, but a 1.6 charger may answer in amperes anyway,
 * and some only know amperes. A schedule in amperes is read in watts only with the charger's {@link
 * PhaseVoltage} ({@code W = A × V × phases}, 3 phases when a period does not say); without one it
 * is {@link ScheduleAnswer.Unreadable} with the reason, never a guess. 1.6 gives the start as
 * {@code scheduleStart} (or the schedule's own {@code startSchedule}) and may leave out the
 * duration; 2.0.1 gives both. Stateless and thread-safe.
 */
public final class CompositeSchedules {
  private CompositeSchedules() {}

  /**
   * Sends GetCompositeSchedule for {@code evseId} over the next {@code duration}, and reads the
   * answer. The future completes with the answer, never exceptionally.
   *
   * @param voltage the charger's phase voltage, to read a schedule in amperes, if known
   */
  public static CompletableFuture<ScheduleAnswer> ask(
      ChargerSession charger, int evseId, Duration duration, Optional<PhaseVoltage> voltage) {
    ObjectNode request = ChargingMessages.getCompositeSchedule(charger.version(), evseId, duration);
    return charger
        .call(ChargingMessages.GET_COMPOSITE_SCHEDULE, request)
        .thenApply(
            outcome ->
                outcome instanceof CallOutcome.Answered a
                    ? read(charger.version(), evseId, a.payload(), voltage)
                    : new ScheduleAnswer.NoAnswer(outcome));
  }

  /**
   * Reads a GetCompositeSchedule answer of {@code version} that passed its response schema.
   *
   * @param evseId the EVSE asked for (a 1.6 answer need not repeat it)
   * @param voltage the charger's phase voltage, to read a schedule in amperes, if known
   */
  public static ScheduleAnswer read(
      OcppVersion version, int evseId, JsonNode answer, Optional<PhaseVoltage> voltage) {
    String status = answer.path("status").asText();
    if (!status.equals("Accepted")) {
      return new ScheduleAnswer.Rejected(Statuses.reason(status, answer.path("statusInfo")));
    }
    try {
      return new ScheduleAnswer.Schedule(
          version == OcppVersion.V1_6
              ? read16(evseId, answer, voltage)
              : read201(answer.path("schedule"), voltage));
    } catch (IllegalArgumentException e) {
      return new ScheduleAnswer.Unreadable(String.valueOf(e.getMessage()));
    }
  }

  private static CompositeSchedule read16(
      int evseId, JsonNode answer, Optional<PhaseVoltage> voltage) {
    JsonNode s = answer.path("chargingSchedule");
    if (!s.isObject()) {
      throw new IllegalArgumentException("the answer is Accepted but holds no chargingSchedule");
    }
    RateSchedule schedule = RateSchedule.read(s);
    Instant start =
        RateSchedule.optionalTime(answer.path("scheduleStart"), "scheduleStart")
            .or(schedule::start)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the schedule has no start (neither scheduleStart nor startSchedule)"));
    JsonNode connector = answer.path("connectorId");
    return new CompositeSchedule(
        connector.isIntegralNumber() ? connector.intValue() : evseId,
        start,
        schedule.duration(),
        schedule.inWatts(voltage));
  }

  private static CompositeSchedule read201(JsonNode s, Optional<PhaseVoltage> voltage) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("the answer is Accepted but holds no schedule");
    }
    RateSchedule schedule = RateSchedule.read(s);
    Instant start =
        RateSchedule.optionalTime(s.path("scheduleStart"), "scheduleStart")
            .orElseThrow(() -> new IllegalArgumentException("the schedule has no scheduleStart"));
    return new CompositeSchedule(
        s.path("evseId").intValue(), start, schedule.duration(), schedule.inWatts(voltage));
  }
}
