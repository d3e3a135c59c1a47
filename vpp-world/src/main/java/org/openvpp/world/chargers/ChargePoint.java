package org.openvpp.world.chargers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * The OCPP messages of a simulated home charger with one connector (EVSE 1, connector 1), in the
 * version it speaks: what it sends (boot, connector status, a transaction's start, meter values and
 * end, its EV's charging needs) and how it reads the central system's charging profiles. Pure: no
 * connection, no state; {@link ChargePoints} keeps each charger's state and talks.
 */
final class ChargePoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The supply voltage a limit in amperes is read with, per phase. */
  static final double VOLTS = 230;

  /** An OCPP version a simulated charger speaks. */
  enum Version {
    V16("ocpp1.6"),
    V201("ocpp2.0.1");

    private final String subprotocol;

    Version(String subprotocol) {
      this.subprotocol = subprotocol;
    }

    String subprotocol() {
      return subprotocol;
    }
  }

  /**
   * A charging limit the central system set: {@code limit} from {@code from} until {@code until}.
   */
  record Limit(int profileId, Power limit, Instant from, Instant until) {}

  private ChargePoint() {}

  static ObjectNode boot(Version v) {
    ObjectNode p = JSON.createObjectNode();
    if (v == Version.V16) {
      p.put("chargePointVendor", "OpenVPP");
      p.put("chargePointModel", "SimHome");
    } else {
      p.put("reason", "PowerUp");
      p.putObject("chargingStation").put("model", "SimHome").put("vendorName", "OpenVPP");
    }
    return p;
  }

  /** The connector's status: a car charging, a car not charging, or no car. */
  enum Status {
    AVAILABLE,
    CHARGING,
    SUSPENDED;

    String text(Version v) {
      if (v == Version.V201) {
        return this == AVAILABLE ? "Available" : "Occupied";
      }
      return switch (this) {
        case AVAILABLE -> "Available";
        case CHARGING -> "Charging";
        case SUSPENDED -> "SuspendedEVSE";
      };
    }
  }

  static ObjectNode status(Version v, Status s, Instant at) {
    ObjectNode p = JSON.createObjectNode();
    if (v == Version.V16) {
      p.put("connectorId", 1);
      p.put("errorCode", "NoError");
      p.put("status", s.text(v));
      p.put("timestamp", at.toString());
    } else {
      p.put("timestamp", at.toString());
      p.put("connectorStatus", s.text(v));
      p.put("evseId", 1);
      p.put("connectorId", 1);
    }
    return p;
  }

  /** 1.6 StartTransaction. */
  static ObjectNode start16(String idTag, long meterWh, Instant at) {
    ObjectNode p = JSON.createObjectNode();
    p.put("connectorId", 1);
    p.put("idTag", idTag);
    p.put("meterStart", meterWh);
    p.put("timestamp", at.toString());
    return p;
  }

  /** 1.6 StopTransaction. */
  static ObjectNode stop16(int transactionId, long meterWh, Instant at) {
    ObjectNode p = JSON.createObjectNode();
    p.put("transactionId", transactionId);
    p.put("meterStop", meterWh);
    p.put("timestamp", at.toString());
    p.put("reason", "EVDisconnected");
    return p;
  }

  /** 1.6 MeterValues of the open transaction. */
  static ObjectNode meter16(int transactionId, Reading r) {
    ObjectNode p = JSON.createObjectNode();
    p.put("connectorId", 1);
    p.put("transactionId", transactionId);
    p.set("meterValue", meterValue(Version.V16, r));
    return p;
  }

  /** A 2.0.1 TransactionEvent. */
  static ObjectNode event201(
      String eventType,
      String trigger,
      String transactionId,
      int seqNo,
      boolean offline,
      Optional<String> idToken,
      Status status,
      Reading r) {
    ObjectNode p = JSON.createObjectNode();
    p.put("eventType", eventType);
    p.put("timestamp", r.at().toString());
    p.put("triggerReason", trigger);
    p.put("seqNo", seqNo);
    if (offline) {
      p.put("offline", true);
    }
    ObjectNode info = p.putObject("transactionInfo").put("transactionId", transactionId);
    if (eventType.equals("Ended")) {
      info.put("stoppedReason", "EVDisconnected");
    } else {
      info.put(
          "chargingState",
          switch (status) {
            case CHARGING -> "Charging";
            case SUSPENDED -> "SuspendedEVSE";
            case AVAILABLE -> "Idle";
          });
    }
    if (eventType.equals("Started")) {
      p.putObject("evse").put("id", 1).put("connectorId", 1);
    }
    idToken.ifPresent(t -> p.putObject("idToken").put("idToken", t).put("type", "Local"));
    p.set("meterValue", meterValue(Version.V201, r));
    return p;
  }

  /** 2.0.1 NotifyEVChargingNeeds: the energy wanted, grid side, by the departure. */
  static ObjectNode needs201(double energyKwh, Instant departure, Power maxRate) {
    ObjectNode p = JSON.createObjectNode();
    p.put("evseId", 1);
    ObjectNode needs = p.putObject("chargingNeeds");
    needs.put("requestedEnergyTransfer", "AC_single_phase");
    needs.put("departureTime", departure.toString());
    needs
        .putObject("acChargingParameters")
        .put("energyAmount", Math.round(energyKwh * 1000))
        .put("evMinCurrent", 6)
        .put("evMaxCurrent", (int) Math.ceil(maxRate.watts() / VOLTS))
        .put("evMaxVoltage", (int) VOLTS);
    return p;
  }

  /** What the charger measured: its import register, its power and the car's state of charge. */
  record Reading(Instant at, long registerWh, double powerW, Optional<Double> socPercent) {}

  private static ArrayNode meterValue(Version v, Reading r) {
    ArrayNode values = JSON.createArrayNode();
    ObjectNode mv = values.addObject();
    mv.put("timestamp", r.at().toString());
    ArrayNode s = mv.putArray("sampledValue");
    sample(v, s, Long.toString(r.registerWh()), "Energy.Active.Import.Register", "Wh");
    sample(v, s, String.format(Locale.ROOT, "%.1f", r.powerW()), "Power.Active.Import", "W");
    r.socPercent()
        .ifPresent(soc -> sample(v, s, String.format(Locale.ROOT, "%.1f", soc), "SoC", "Percent"));
    return values;
  }

  private static void sample(Version v, ArrayNode s, String value, String measurand, String unit) {
    ObjectNode x = s.addObject();
    if (v == Version.V16) {
      x.put("value", value);
      x.put("measurand", measurand);
      x.put("unit", unit);
    } else {
      x.put("value", Double.parseDouble(value));
      x.put("measurand", measurand);
      x.putObject("unitOfMeasure").put("unit", unit);
    }
  }

  /**
   * The limit a SetChargingProfile sets, read from its first schedule period (the VPP's profiles
   * are one constant limit); a limit in amperes is read at {@link #VOLTS} per phase.
   *
   * @throws IllegalArgumentException when the payload has no readable limit
   */
  static Limit limitOf(Version v, JsonNode payload, Instant now) {
    JsonNode profile =
        v == Version.V16 ? payload.path("csChargingProfiles") : payload.path("chargingProfile");
    JsonNode schedule =
        v == Version.V16
            ? profile.path("chargingSchedule")
            : profile.path("chargingSchedule").path(0);
    JsonNode period = schedule.path("chargingSchedulePeriod").path(0);
    if (!period.path("limit").isNumber()) {
      throw new IllegalArgumentException("no limit in the profile's first schedule period");
    }
    double limit = period.path("limit").asDouble();
    if (schedule.path("chargingRateUnit").asText().equals("A")) {
      limit *= VOLTS * period.path("numberPhases").asInt(3);
    }
    Instant from = instant(schedule.path("startSchedule")).orElse(now);
    Instant until =
        instant(profile.path("validTo"))
            .orElse(
                schedule.path("duration").isNumber()
                    ? from.plusSeconds(schedule.path("duration").asLong())
                    : from.plusSeconds(24 * 3600));
    return new Limit(
        profile.path("id").asInt(profile.path("chargingProfileId").asInt()),
        Power.ofWatts(limit),
        from,
        until);
  }

  private static Optional<Instant> instant(JsonNode n) {
    if (!n.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.of(java.time.OffsetDateTime.parse(n.asText()).toInstant());
    }
  }

  /** The answer to GetCompositeSchedule: the limit in force over the asked duration. */
  static ObjectNode composite(Version v, JsonNode asked, Power limit, Instant now) {
    ObjectNode p = JSON.createObjectNode();
    p.put("status", "Accepted");
    ObjectNode s;
    if (v == Version.V16) {
      p.put("connectorId", asked.path("connectorId").asInt(1));
      p.put("scheduleStart", now.toString());
      s = p.putObject("chargingSchedule");
    } else {
      s = p.putObject("schedule");
      s.put("evseId", asked.path("evseId").asInt(1));
      s.put("scheduleStart", now.toString());
    }
    s.put("duration", asked.path("duration").asInt(3600));
    s.put("chargingRateUnit", "W");
    s.putArray("chargingSchedulePeriod")
        .addObject()
        .put("startPeriod", 0)
        .put("limit", Math.floor(limit.watts() * 10) / 10);
    return p;
  }

  static ObjectNode status(String status) {
    return JSON.createObjectNode().put("status", status);
  }
}
