package org.openvpp.ocpp.operations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What became of an operation sent to a charger. */
public sealed interface OperationOutcome {

  /**
   * The charger answered.
   *
   * @param status the charger's status as it wrote it: {@code Accepted}, {@code Rejected}, {@code
   *     Scheduled}, {@code NotImplemented}, {@code RebootRequired}, {@code NotSupported}, {@code
   *     UnknownVariable}…; for a read, {@code Accepted} (each setting has its own status)
   * @param reason the 2.0.1 statusInfo's reason code and text, when it gave one
   * @param settings for a read, each setting with its value or status; for a change, the setting
   *     with its status; empty otherwise
   * @param transactionId 2.0.1 RequestStartTransaction: the transaction already going on, when the
   *     charger names one
   */
  record Answered(
      String status,
      Optional<String> reason,
      List<SettingValue> settings,
      Optional<String> transactionId)
      implements OperationOutcome {
    /** The statuses that mean the charger does, or will do, what was asked. */
    public static final Set<String> TAKEN = Set.of("Accepted", "Scheduled", "RebootRequired");

    public Answered {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(transactionId, "transactionId");
      settings = List.copyOf(settings);
    }

    /**
     * Whether the charger does, or will do, what was asked (Accepted, Scheduled, RebootRequired).
     */
    public boolean accepted() {
      return TAKEN.contains(status);
    }
  }

  /**
   * The charger refused the CALL with a CALLERROR ({@code NotImplemented}, {@code NotSupported}…),
   * or answered with what breaks the response schema (the description starts "invalid answer").
   */
  record Refused(String code, String description) implements OperationOutcome {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(description, "description");
    }
  }

  /** No answer within the central system's call timeout (the charger may still act on it). */
  record TimedOut() implements OperationOutcome {}

  /** The connection closed before an answer. */
  record Closed() implements OperationOutcome {}

  /**
   * One setting as the charger answered for it.
   *
   * @param status 2.0.1's attributeStatus; 1.6 {@code Accepted} for a key it gave, {@code
   *     UnknownKey} for one it does not know, or ChangeConfiguration's status
   * @param value the value read, when there is one; never a {@link Setting#secret} setting's
   * @param readOnly 1.6: whether the key is read-only
   * @param reason 2.0.1's attributeStatusInfo, when given
   */
  record SettingValue(
      Setting setting,
      String status,
      Optional<String> value,
      Optional<Boolean> readOnly,
      Optional<String> reason) {
    public SettingValue {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(readOnly, "readOnly");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** For people and the audit log: the status (and reason), or why there was no answer. */
  default String summary() {
    return switch (this) {
      case Answered a -> a.status() + a.reason().map(r -> " (" + r + ")").orElse("");
      case Refused r -> "CALLERROR " + r.code() + ": " + r.description();
      case TimedOut t -> "no answer in time";
      case Closed c -> "the connection closed before an answer";
    };
  }
}
