package org.openvpp.ocpp.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.ocpp.operations.Operation.ChangeAvailability;
import org.openvpp.ocpp.operations.Operation.ChangeSetting;
import org.openvpp.ocpp.operations.Operation.ReadSettings;
import org.openvpp.ocpp.operations.Operation.RemoteStart;
import org.openvpp.ocpp.operations.Operation.RemoteStop;
import org.openvpp.ocpp.operations.Operation.Reset;
import org.openvpp.ocpp.operations.Operation.ResetType;
import org.openvpp.ocpp.operations.Operation.TriggerMessage;
import org.openvpp.ocpp.operations.OperationOutcome.SettingValue;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.server.CallOutcome;

/**
 * The operator's CALLs written for each version, and their answers read.
 *
 * <p>Design note. One {@link Operation} maps to one action per version:
 *
 * <pre>
 * operation           1.6                       2.0.1
 * RemoteStart         RemoteStartTransaction    RequestStartTransaction (remoteStartId, token Central)
 * RemoteStop          RemoteStopTransaction     RequestStopTransaction
 * ChangeAvailability  ChangeAvailability        ChangeAvailability
 * Reset               Reset (Hard, Soft)        Reset (Immediate, OnIdle; an EVSE)
 * TriggerMessage      TriggerMessage            TriggerMessage
 * ReadSettings        GetConfiguration          GetVariables
 * ChangeSetting       ChangeConfiguration       SetVariables (one)
 * </pre>
 *
 * What a version does not have is refused before anything is written ({@link NotInVersion}): a
 * reset type or a triggered message of the other version, a 1.6 reset of one EVSE, a 1.6 key with a
 * component or a 2.0.1 variable without one, a 2.0.1 read of nothing, a 1.6 transaction id that is
 * not an integer, a value or token longer than the version takes. The payloads pass their request
 * schemas ({@code ChargerSession.call} checks them again). An answer is read leniently past its
 * schema: the status as written, the 2.0.1 {@code statusInfo} as the reason. A setting that holds a
 * password ({@link Setting#secret}) read back never has its value kept, even if a charger sends it
 * (both versions say it must not). Stateless and thread-safe.
 */
public final class OperationMessages {
  /** The longest 1.6 idTag. */
  static final int ID_TAG_16 = 20;

  /** The longest 1.6 configuration value. */
  static final int VALUE_16 = 500;

  private OperationMessages() {}

  /** The action that carries {@code op} in {@code version}. */
  public static String action(OcppVersion version, Operation op) {
    boolean v16 = version == OcppVersion.V1_6;
    return switch (op) {
      case RemoteStart s -> v16 ? "RemoteStartTransaction" : "RequestStartTransaction";
      case RemoteStop s -> v16 ? "RemoteStopTransaction" : "RequestStopTransaction";
      case ChangeAvailability a -> "ChangeAvailability";
      case Reset r -> "Reset";
      case TriggerMessage t -> "TriggerMessage";
      case ReadSettings r -> v16 ? "GetConfiguration" : "GetVariables";
      case ChangeSetting c -> v16 ? "ChangeConfiguration" : "SetVariables";
    };
  }

  /**
   * The payload of {@code op} in {@code version}.
   *
   * @param remoteStartId the id a 2.0.1 RequestStartTransaction carries (the charger may give it
   *     back in its TransactionEvent); unused otherwise
   * @throws NotInVersion when the version has no such operation or part of one, saying what it
   *     takes
   */
  public static ObjectNode payload(OcppVersion version, Operation op, int remoteStartId) {
    return version == OcppVersion.V1_6 ? payload16(op) : payload201(op, remoteStartId);
  }

  private static ObjectNode payload16(Operation op) {
    ObjectNode p = Frames.object();
    OcppVersion v = OcppVersion.V1_6;
    switch (op) {
      case RemoteStart s -> {
        if (s.idToken().length() > ID_TAG_16) {
          throw new NotInVersion(
              v,
              "a 1.6 idTag is at most " + ID_TAG_16 + " characters, was " + s.idToken().length());
        }
        p.put("idTag", s.idToken());
        s.evseId().ifPresent(e -> p.put("connectorId", e));
      }
      case RemoteStop s -> {
        try {
          p.put("transactionId", Integer.parseInt(s.transactionId()));
        } catch (NumberFormatException e) {
          throw new NotInVersion(
              v, "a 1.6 transactionId is an integer, not '" + s.transactionId() + "'");
        }
      }
      case ChangeAvailability a -> {
        p.put("connectorId", a.evseId().orElse(0));
        p.put("type", a.availability().wire());
      }
      case Reset r -> {
        if (r.type() != ResetType.HARD && r.type() != ResetType.SOFT) {
          throw new NotInVersion(
              v, "a 1.6 charger resets Hard or Soft, not " + r.type().wire() + " (2.0.1's)");
        }
        if (r.evseId().isPresent()) {
          throw new NotInVersion(v, "a 1.6 charger resets as a whole, not one connector");
        }
        p.put("type", r.type().wire());
      }
      case TriggerMessage t -> {
        if (!t.message().in16()) {
          throw new NotInVersion(
              v,
              "1.6 TriggerMessage cannot ask for "
                  + t.message().wire()
                  + "; it asks for BootNotification, DiagnosticsStatusNotification,"
                  + " FirmwareStatusNotification, Heartbeat, MeterValues or StatusNotification");
        }
        p.put("requestedMessage", t.message().wire());
        t.evseId().ifPresent(e -> p.put("connectorId", e));
      }
      case ReadSettings r -> {
        if (!r.settings().isEmpty()) {
          ArrayNode keys = p.putArray("key");
          for (Setting s : r.settings()) {
            keys.add(key16(s));
          }
        }
      }
      case ChangeSetting c -> {
        if (c.value().length() > VALUE_16) {
          throw new NotInVersion(
              v,
              "a 1.6 configuration value is at most "
                  + VALUE_16
                  + " characters, was "
                  + c.value().length());
        }
        p.put("key", key16(c.setting()));
        p.put("value", c.value());
      }
    }
    return p;
  }

  private static String key16(Setting s) {
    if (s.component().isPresent()) {
      throw new NotInVersion(
          OcppVersion.V1_6,
          "a 1.6 configuration key has no component: give the key alone, not " + s);
    }
    return s.name();
  }

  private static ObjectNode payload201(Operation op, int remoteStartId) {
    ObjectNode p = Frames.object();
    OcppVersion v = OcppVersion.V2_0_1;
    switch (op) {
      case RemoteStart s -> {
        s.evseId().ifPresent(e -> p.put("evseId", e));
        p.put("remoteStartId", remoteStartId);
        ObjectNode token = p.putObject("idToken");
        token.put("idToken", s.idToken());
        token.put("type", "Central");
      }
      case RemoteStop s -> p.put("transactionId", s.transactionId());
      case ChangeAvailability a -> {
        a.evseId().filter(e -> e > 0).ifPresent(e -> p.putObject("evse").put("id", e));
        p.put("operationalStatus", a.availability().wire());
      }
      case Reset r -> {
        if (r.type() != ResetType.IMMEDIATE && r.type() != ResetType.ON_IDLE) {
          throw new NotInVersion(
              v,
              "a 2.0.1 charging station resets Immediate or OnIdle, not "
                  + r.type().wire()
                  + " (1.6's)");
        }
        p.put("type", r.type().wire());
        r.evseId().ifPresent(e -> p.put("evseId", e));
      }
      case TriggerMessage t -> {
        if (!t.message().in201()) {
          throw new NotInVersion(
              v,
              "2.0.1 TriggerMessage cannot ask for "
                  + t.message().wire()
                  + " (1.6's); 2.0.1 has LogStatusNotification instead");
        }
        p.put("requestedMessage", t.message().wire());
        t.evseId().ifPresent(e -> p.putObject("evse").put("id", e));
      }
      case ReadSettings r -> {
        if (r.settings().isEmpty()) {
          throw new NotInVersion(
              v,
              "a 2.0.1 charging station reads named variables only: give at least one, each with"
                  + " its component");
        }
        ArrayNode data = p.putArray("getVariableData");
        for (Setting s : r.settings()) {
          ref201(data.addObject(), s);
        }
      }
      case ChangeSetting c -> {
        ObjectNode d = p.putArray("setVariableData").addObject();
        d.put("attributeValue", c.value());
        ref201(d, c.setting());
      }
    }
    return p;
  }

  private static void ref201(ObjectNode into, Setting s) {
    String component =
        s.component()
            .orElseThrow(
                () ->
                    new NotInVersion(
                        OcppVersion.V2_0_1,
                        "a 2.0.1 variable belongs to a component: give the component of "
                            + s.name()
                            + " (such as OCPPCommCtrlr)"));
    into.putObject("component").put("name", component);
    into.putObject("variable").put("name", s.name());
  }

  /** What the charger's answer to {@code op} in {@code version} says. */
  public static OperationOutcome read(OcppVersion version, Operation op, CallOutcome outcome) {
    return switch (outcome) {
      case CallOutcome.Answered a -> answered(version, op, a.payload());
      case CallOutcome.Refused r -> new OperationOutcome.Refused(r.code(), r.description());
      case CallOutcome.TimedOut t -> new OperationOutcome.TimedOut();
      case CallOutcome.Closed c -> new OperationOutcome.Closed();
    };
  }

  private static OperationOutcome.Answered answered(
      OcppVersion version, Operation op, JsonNode answer) {
    boolean v16 = version == OcppVersion.V1_6;
    return switch (op) {
      case ReadSettings r ->
          new OperationOutcome.Answered(
              "Accepted",
              Optional.empty(),
              v16 ? read16(answer) : read201(answer),
              Optional.empty());
      case ChangeSetting c -> {
        if (v16) {
          String status = answer.path("status").asText();
          yield new OperationOutcome.Answered(
              status,
              Optional.empty(),
              List.of(
                  new SettingValue(
                      c.setting(), status, Optional.empty(), Optional.empty(), Optional.empty())),
              Optional.empty());
        }
        JsonNode result = setResult(answer, c.setting());
        String status = result.path("attributeStatus").asText("no result for " + c.setting());
        Optional<String> reason = reason(result.path("attributeStatusInfo"));
        yield new OperationOutcome.Answered(
            status,
            reason,
            List.of(
                new SettingValue(c.setting(), status, Optional.empty(), Optional.empty(), reason)),
            Optional.empty());
      }
      case RemoteStart s ->
          new OperationOutcome.Answered(
              answer.path("status").asText(),
              reason(answer.path("statusInfo")),
              List.of(),
              text(answer.path("transactionId")));
      default ->
          new OperationOutcome.Answered(
              answer.path("status").asText(),
              reason(answer.path("statusInfo")),
              List.of(),
              Optional.empty());
    };
  }

  private static List<SettingValue> read16(JsonNode answer) {
    List<SettingValue> out = new ArrayList<>();
    for (JsonNode k : answer.path("configurationKey")) {
      Setting s = Setting.key(k.path("key").asText());
      boolean secret = s.secret();
      out.add(
          new SettingValue(
              s,
              "Accepted",
              secret ? Optional.empty() : text(k.path("value")),
              k.path("readonly").isBoolean()
                  ? Optional.of(k.path("readonly").booleanValue())
                  : Optional.empty(),
              secret ? Optional.of(WITHHELD) : Optional.empty()));
    }
    for (JsonNode k : answer.path("unknownKey")) {
      out.add(
          new SettingValue(
              Setting.key(k.asText()),
              "UnknownKey",
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    return out;
  }

  private static List<SettingValue> read201(JsonNode answer) {
    List<SettingValue> out = new ArrayList<>();
    for (JsonNode r : answer.path("getVariableResult")) {
      Setting s =
          Setting.variable(
              r.path("component").path("name").asText(), r.path("variable").path("name").asText());
      boolean secret = s.secret();
      out.add(
          new SettingValue(
              s,
              r.path("attributeStatus").asText(),
              secret ? Optional.empty() : text(r.path("attributeValue")),
              Optional.empty(),
              secret ? Optional.of(WITHHELD) : reason(r.path("attributeStatusInfo"))));
    }
    return out;
  }

  /** Why a secret's value read back is not there. */
  static final String WITHHELD = "a password: its value is never kept or shown";

  private static JsonNode setResult(JsonNode answer, Setting s) {
    JsonNode results = answer.path("setVariableResult");
    for (JsonNode r : results) {
      if (r.path("component").path("name").asText().equalsIgnoreCase(s.component().orElse(""))
          && r.path("variable").path("name").asText().equalsIgnoreCase(s.name())) {
        return r;
      }
    }
    return results.path(0);
  }

  private static Optional<String> reason(JsonNode statusInfo) {
    if (!statusInfo.isObject()) {
      return Optional.empty();
    }
    String info = statusInfo.path("additionalInfo").asText("");
    return Optional.of(
        statusInfo.path("reasonCode").asText() + (info.isEmpty() ? "" : ": " + info));
  }

  private static Optional<String> text(JsonNode n) {
    return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }
}
