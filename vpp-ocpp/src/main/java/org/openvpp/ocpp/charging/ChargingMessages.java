package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * The central system's smart-charging CALLs, written for each version: SetChargingProfile,
 * ClearChargingProfile, GetCompositeSchedule, and 2.0.1's GetChargingProfiles. Each payload passes
 * its version's request schema ({@code ChargerSession.call} checks it again before sending).
 *
 * <p>Design note. A {@link LimitProfile} is always written as kind Absolute with one schedule in
 * watts, starting at the profile's start, with {@code validTo} and a schedule {@code duration} that
 * both end at its lapse. 1.6 puts it under {@code connectorId} and {@code csChargingProfiles} with
 * one {@code chargingSchedule} object and an integer {@code transactionId}; 2.0.1 under {@code
 * evseId} and {@code chargingProfile} with a {@code chargingSchedule} array (the schedule's id is
 * the profile's) and a string {@code transactionId}. Limits are written in tenths of a watt,
 * rounded down (1.6 requires a multiple of 0.1), so a limit sent is never above the one meant.
 * Stateless and thread-safe.
 */
public final class ChargingMessages {
  /** The action that sets a profile. */
  public static final String SET_CHARGING_PROFILE = "SetChargingProfile";

  /** The action that clears profiles. */
  public static final String CLEAR_CHARGING_PROFILE = "ClearChargingProfile";

  /** The action that asks for the composite schedule. */
  public static final String GET_COMPOSITE_SCHEDULE = "GetCompositeSchedule";

  /** The action that asks a 2.0.1 charger to report its profiles (ReportChargingProfiles). */
  public static final String GET_CHARGING_PROFILES = "GetChargingProfiles";

  private ChargingMessages() {}

  /**
   * The SetChargingProfile payload for {@code profile} in {@code version}.
   *
   * @throws IllegalArgumentException when a 1.6 transaction id is not an integer
   */
  public static ObjectNode setChargingProfile(OcppVersion version, LimitProfile profile) {
    ObjectNode schedule = Frames.object();
    if (version == OcppVersion.V2_0_1) {
      schedule.put("id", profile.id());
    }
    schedule.put("startSchedule", time(profile.start()));
    schedule.put("duration", profile.span().toSeconds());
    schedule.put("chargingRateUnit", RateUnit.WATTS.wire());
    ArrayNode periods = schedule.putArray("chargingSchedulePeriod");
    for (LimitPeriod p : profile.periods()) {
      ObjectNode period = periods.addObject();
      period.put("startPeriod", p.offset().toSeconds());
      period.put("limit", tenths(p.limit().watts()));
      p.phases().ifPresent(n -> period.put("numberPhases", n));
    }

    ObjectNode cp = Frames.object();
    cp.put(version == OcppVersion.V1_6 ? "chargingProfileId" : "id", profile.id());
    cp.put("stackLevel", profile.stackLevel());
    cp.put("chargingProfilePurpose", profile.purpose().wire(version));
    cp.put("chargingProfileKind", "Absolute");
    cp.put("validTo", time(profile.validTo()));
    ObjectNode payload = Frames.object();
    if (version == OcppVersion.V1_6) {
      profile.transactionId().ifPresent(t -> cp.put("transactionId", integer16(t)));
      cp.set("chargingSchedule", schedule);
      payload.put("connectorId", profile.evseId());
      payload.set("csChargingProfiles", cp);
    } else {
      profile.transactionId().ifPresent(t -> cp.put("transactionId", t));
      cp.putArray("chargingSchedule").add(schedule);
      payload.put("evseId", profile.evseId());
      payload.set("chargingProfile", cp);
    }
    return payload;
  }

  /** The ClearChargingProfile payload that clears what {@code filter} names, in {@code version}. */
  public static ObjectNode clearChargingProfile(OcppVersion version, ProfileFilter filter) {
    ObjectNode payload = Frames.object();
    if (version == OcppVersion.V1_6) {
      filter.id().ifPresent(id -> payload.put("id", id));
      filter.evseId().ifPresent(e -> payload.put("connectorId", e));
      filter.purpose().ifPresent(p -> payload.put("chargingProfilePurpose", p.wire(version)));
      filter.stackLevel().ifPresent(s -> payload.put("stackLevel", s));
      return payload;
    }
    filter.id().ifPresent(id -> payload.put("chargingProfileId", id));
    if (filter.evseId().isPresent()
        || filter.purpose().isPresent()
        || filter.stackLevel().isPresent()) {
      ObjectNode criteria = payload.putObject("chargingProfileCriteria");
      filter.evseId().ifPresent(e -> criteria.put("evseId", e));
      filter.purpose().ifPresent(p -> criteria.put("chargingProfilePurpose", p.wire(version)));
      filter.stackLevel().ifPresent(s -> criteria.put("stackLevel", s));
    }
    return payload;
  }

  /**
   * The GetCompositeSchedule payload asking for the schedule of {@code evseId} (0: the whole
   * charger's grid connection) over the next {@code duration}, in watts.
   *
   * @throws IllegalArgumentException when {@code evseId} is negative or {@code duration} is not a
   *     positive number of whole seconds
   */
  public static ObjectNode getCompositeSchedule(
      OcppVersion version, int evseId, Duration duration) {
    if (evseId < 0) {
      throw new IllegalArgumentException("an EVSE id is not negative, not " + evseId);
    }
    if (duration.isNegative() || duration.isZero() || duration.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "a composite schedule's duration is a positive number of whole seconds, not " + duration);
    }
    ObjectNode payload = Frames.object();
    payload.put(version == OcppVersion.V1_6 ? "connectorId" : "evseId", evseId);
    payload.put("duration", duration.toSeconds());
    payload.put("chargingRateUnit", RateUnit.WATTS.wire());
    return payload;
  }

  /**
   * The 2.0.1 GetChargingProfiles payload asking for every profile the charger holds, on {@code
   * evseId} if given (else on all EVSEs); the charger answers with ReportChargingProfiles carrying
   * {@code requestId}. 1.6 has no such message.
   */
  public static ObjectNode getChargingProfiles(int requestId, Optional<Integer> evseId) {
    ObjectNode payload = Frames.object();
    payload.put("requestId", requestId);
    evseId.ifPresent(e -> payload.put("evseId", e));
    payload.putObject("chargingProfile");
    return payload;
  }

  /** {@code watts} in tenths, rounded down. */
  private static BigDecimal tenths(double watts) {
    return BigDecimal.valueOf(watts).setScale(1, RoundingMode.FLOOR);
  }

  private static String time(Instant t) {
    return t.toString();
  }

  private static int integer16(String transactionId) {
    try {
      return Integer.parseInt(transactionId);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a 1.6 transaction id is an integer, not \"" + transactionId + "\"", e);
    }
  }
}
