package org.openvpp.ocpp.charger;

/**
 * Who may connect: the service's register of chargers answers here. Called on a connection's
 * thread; implementations are thread-safe.
 */
public interface ChargerRegistry {
  /**
   * The admission of the charger {@code identity}, which booted saying {@code boot}: {@link
   * Admission#ACCEPTED} for one the register knows, {@link Admission#PENDING} for an unknown one
   * now awaiting an operator, {@link Admission#REJECTED} otherwise.
   */
  Admission admit(String identity, BootInfo boot);
}
