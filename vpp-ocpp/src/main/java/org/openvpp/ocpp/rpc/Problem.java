package org.openvpp.ocpp.rpc;

import java.util.Locale;

/**
 * Why an incoming message was refused, in the same words for both versions; {@link #code} gives the
 * CALLERROR code of each version. OCPP 1.6 has no codes for the RPC frame itself, so its
 * frame-level problems answer {@code FormationViolation} ("not conform the PDU structure") or
 * {@code ProtocolError}; 2.0.1 has {@code RpcFrameworkError} and {@code MessageTypeNotSupported}.
 */
public enum Problem {
  /** Not JSON text at all. */
  NOT_JSON("FormationViolation", "RpcFrameworkError"),
  /** JSON, but not an array of an OCPP-J frame's shape (length, element types). */
  BAD_FRAME("FormationViolation", "RpcFrameworkError"),
  /** The message id is not a string of 1 to 36 characters. */
  BAD_MESSAGE_ID("FormationViolation", "RpcFrameworkError"),
  /** A message type id other than 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR). */
  UNKNOWN_MESSAGE_TYPE("ProtocolError", "MessageTypeNotSupported"),
  /** Longer than the central system takes. */
  OVERSIZED("FormationViolation", "FormatViolation"),
  /** A CALL whose message id the charger used already on this connection. */
  DUPLICATE_MESSAGE_ID("ProtocolError", "RpcFrameworkError"),
  /** The payload is not a JSON object. */
  PAYLOAD_NOT_OBJECT("FormationViolation", "FormatViolation"),
  /** The action is not one of the version's. */
  UNKNOWN_ACTION("NotImplemented", "NotImplemented"),
  /** An action of the version that this central system does not handle (yet). */
  NOT_HANDLED("NotImplemented", "NotImplemented"),
  /** A field of the wrong JSON type (schema keyword {@code type}). */
  WRONG_TYPE("TypeConstraintViolation", "TypeConstraintViolation"),
  /** A required field is absent, or an array has too few or too many items. */
  OCCURRENCE("OccurenceConstraintViolation", "OccurrenceConstraintViolation"),
  /** A field the action's schema does not have. */
  UNKNOWN_FIELD("FormationViolation", "ProtocolError"),
  /** A value outside its enumeration, length, range or format. */
  BAD_VALUE("PropertyConstraintViolation", "PropertyConstraintViolation"),
  /** The charger is not accepted (no accepted BootNotification on this connection). */
  NOT_ACCEPTED("SecurityError", "SecurityError"),
  /** The central system failed to answer (a fault of ours, logged). */
  HANDLER_FAILED("InternalError", "InternalError");

  private final String v16;
  private final String v201;

  Problem(String v16, String v201) {
    this.v16 = v16;
    this.v201 = v201;
  }

  /** The CALLERROR code for this problem in {@code version}. */
  public String code(OcppVersion version) {
    return switch (version) {
      case V1_6 -> v16;
      case V2_0_1 -> v201;
    };
  }

  /** The name used in logs, metrics and docs/ocpp.md, such as {@code bad_frame}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
