package org.openvpp.ocpp.operations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An operator's request of a charger, the same for both versions; {@link OperationMessages} writes
 * it as the version's CALL, or says why the version has no such thing. An EVSE is a 1.6 connector
 * (1.6 connectors count as their own EVSE here, docs/ocpp.md); EVSE 0, or none, is the whole
 * charger where the message allows it.
 */
public sealed interface Operation {

  /** The operation's name in the API ({@code reset}, {@code remoteStart}…). */
  String name();

  /**
   * What is asked, for the audit log and the log: never a secret (a {@link ChangeSetting} of a
   * {@link Setting#secret} setting says so instead of its value).
   */
  String describe();

  /**
   * Start a transaction for {@code idToken}: 1.6 RemoteStartTransaction, 2.0.1
   * RequestStartTransaction (the token of type Central, a {@code remoteStartId} of the sender's).
   *
   * @param idToken the token the transaction is started for (1.6: at most 20 characters, 2.0.1: 36)
   * @param evseId the EVSE to start on (positive); empty: the charger chooses
   */
  record RemoteStart(String idToken, Optional<Integer> evseId) implements Operation {
    public RemoteStart {
      Objects.requireNonNull(idToken, "idToken");
      Objects.requireNonNull(evseId, "evseId");
      if (idToken.isBlank() || idToken.length() > 36) {
        throw new IllegalArgumentException(
            "an idToken is 1 to 36 characters, not blank, was '" + idToken + "'");
      }
      evseId.ifPresent(e -> positive("a remote start's evseId", e));
    }

    @Override
    public String name() {
      return "remoteStart";
    }

    @Override
    public String describe() {
      return "remote start for token " + idToken + evseId.map(e -> " on EVSE " + e).orElse("");
    }
  }

  /**
   * Stop a transaction: 1.6 RemoteStopTransaction (an integer id), 2.0.1 RequestStopTransaction.
   */
  record RemoteStop(String transactionId) implements Operation {
    public RemoteStop {
      Objects.requireNonNull(transactionId, "transactionId");
      if (transactionId.isBlank() || transactionId.length() > 36) {
        throw new IllegalArgumentException(
            "a transactionId is 1 to 36 characters, not blank, was '" + transactionId + "'");
      }
    }

    @Override
    public String name() {
      return "remoteStop";
    }

    @Override
    public String describe() {
      return "remote stop of transaction " + transactionId;
    }
  }

  /** The one of {@code values} whose wire name is {@code text}, ignoring case. */
  private static <E> Optional<E> byWire(E[] values, Function<E, String> wire, String text) {
    for (E e : values) {
      if (wire.apply(e).equalsIgnoreCase(text)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Whether an EVSE or the charger may be used. */
  enum Availability {
    OPERATIVE("Operative"),
    INOPERATIVE("Inoperative");

    private final String wire;

    Availability(String wire) {
      this.wire = wire;
    }

    /** As both versions write it. */
    public String wire() {
      return wire;
    }

    /** The availability whose wire name is {@code text} (any case). */
    public static Optional<Availability> ofWire(String text) {
      return byWire(values(), Availability::wire, text);
    }
  }

  /**
   * Make an EVSE, or the whole charger, operative or inoperative: ChangeAvailability (1.6 {@code
   * connectorId}, 0 for the charger; 2.0.1 {@code evse}, left out for the charger).
   *
   * @param evseId the EVSE; empty or 0: the whole charger
   */
  record ChangeAvailability(Optional<Integer> evseId, Availability availability)
      implements Operation {
    public ChangeAvailability {
      Objects.requireNonNull(evseId, "evseId");
      Objects.requireNonNull(availability, "availability");
      evseId.ifPresent(e -> notNegative("an availability's evseId", e));
    }

    @Override
    public String name() {
      return "changeAvailability";
    }

    @Override
    public String describe() {
      return "change availability to "
          + availability.wire()
          + evseId.filter(e -> e > 0).map(e -> " of EVSE " + e).orElse(" of the charger");
    }
  }

  /**
   * The kinds of reset: 1.6's (Hard, Soft) and 2.0.1's (Immediate, OnIdle); each of one version.
   */
  enum ResetType {
    /** 1.6: restart now, as after a power cut. */
    HARD("Hard"),
    /** 1.6: stop transactions, then restart the software. */
    SOFT("Soft"),
    /** 2.0.1: reset now, ending transactions. */
    IMMEDIATE("Immediate"),
    /** 2.0.1: reset once no transaction is going on. */
    ON_IDLE("OnIdle");

    private final String wire;

    ResetType(String wire) {
      this.wire = wire;
    }

    /** As the version writes it. */
    public String wire() {
      return wire;
    }

    /** The type whose wire name is {@code text} (any case). */
    public static Optional<ResetType> ofWire(String text) {
      return byWire(values(), ResetType::wire, text);
    }
  }

  /**
   * Reset the charger, or (2.0.1) one EVSE.
   *
   * @param evseId 2.0.1 only: the EVSE to reset instead of the whole charger
   */
  record Reset(ResetType type, Optional<Integer> evseId) implements Operation {
    public Reset {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(evseId, "evseId");
      evseId.ifPresent(e -> positive("a reset's evseId", e));
    }

    @Override
    public String name() {
      return "reset";
    }

    @Override
    public String describe() {
      return "reset " + type.wire() + evseId.map(e -> " of EVSE " + e).orElse("");
    }
  }

  /** Messages a charger can be asked to send, with the versions that have each. */
  enum Trigger {
    BOOT_NOTIFICATION("BootNotification", true, true),
    HEARTBEAT("Heartbeat", true, true),
    STATUS_NOTIFICATION("StatusNotification", true, true),
    METER_VALUES("MeterValues", true, true),
    FIRMWARE_STATUS_NOTIFICATION("FirmwareStatusNotification", true, true),
    DIAGNOSTICS_STATUS_NOTIFICATION("DiagnosticsStatusNotification", true, false),
    TRANSACTION_EVENT("TransactionEvent", false, true),
    LOG_STATUS_NOTIFICATION("LogStatusNotification", false, true),
    SIGN_CHARGING_STATION_CERTIFICATE("SignChargingStationCertificate", false, true),
    SIGN_V2G_CERTIFICATE("SignV2GCertificate", false, true),
    SIGN_COMBINED_CERTIFICATE("SignCombinedCertificate", false, true),
    PUBLISH_FIRMWARE_STATUS_NOTIFICATION("PublishFirmwareStatusNotification", false, true);

    private final String wire;
    private final boolean in16;
    private final boolean in201;

    Trigger(String wire, boolean in16, boolean in201) {
      this.wire = wire;
      this.in16 = in16;
      this.in201 = in201;
    }

    /** The message's action, as both versions name it. */
    public String wire() {
      return wire;
    }

    /** Whether 1.6's TriggerMessage can ask for it. */
    public boolean in16() {
      return in16;
    }

    /** Whether 2.0.1's TriggerMessage can ask for it. */
    public boolean in201() {
      return in201;
    }

    /** The message named {@code text} (any case). */
    public static Optional<Trigger> ofWire(String text) {
      return byWire(values(), Trigger::wire, text);
    }
  }

  /**
   * Ask the charger to send a message now: TriggerMessage.
   *
   * @param evseId the EVSE it is about (positive); empty: the charger, or all EVSEs
   */
  record TriggerMessage(Trigger message, Optional<Integer> evseId) implements Operation {
    public TriggerMessage {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(evseId, "evseId");
      evseId.ifPresent(e -> positive("a trigger's evseId", e));
    }

    @Override
    public String name() {
      return "triggerMessage";
    }

    @Override
    public String describe() {
      return "trigger " + message.wire() + evseId.map(e -> " of EVSE " + e).orElse("");
    }
  }

  /**
   * Read settings: 2.0.1 GetVariables (at least one, each of a component), 1.6 GetConfiguration
   * (keys only; none: every key the charger has).
   */
  record ReadSettings(List<Setting> settings) implements Operation {
    /** The most one request reads: far more than an operator asks, few enough for one frame. */
    public static final int MAX = 100;

    public ReadSettings {
      settings = List.copyOf(settings);
      if (settings.size() > MAX) {
        throw new IllegalArgumentException(
            "read at most " + MAX + " settings at once, not " + settings.size());
      }
    }

    @Override
    public String name() {
      return "readSettings";
    }

    @Override
    public String describe() {
      return settings.isEmpty() ? "read every setting" : "read " + settings;
    }
  }

  /**
   * Change one setting: 2.0.1 SetVariables, 1.6 ChangeConfiguration. A {@link Setting#secret}
   * setting's value is in no description and no {@code toString}.
   *
   * @param value the new value (1.6: at most 500 characters, 2.0.1: 1000)
   */
  record ChangeSetting(Setting setting, String value) implements Operation {
    public ChangeSetting {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(value, "value");
      if (value.length() > 1000) {
        throw new IllegalArgumentException(
            "a setting's value is at most 1000 characters, was " + value.length());
      }
    }

    @Override
    public String name() {
      return "changeSetting";
    }

    @Override
    public String describe() {
      return "change "
          + setting
          + (setting.secret() ? " (a secret, value withheld)" : " to '" + value + "'");
    }

    @Override
    public String toString() {
      return "ChangeSetting[" + describe() + "]";
    }
  }

  private static void positive(String what, int e) {
    if (e <= 0) {
      throw new IllegalArgumentException(what + " is positive, was " + e);
    }
  }

  private static void notNegative(String what, int e) {
    if (e < 0) {
      throw new IllegalArgumentException(what + " is 0 (the charger) or more, was " + e);
    }
  }
}
