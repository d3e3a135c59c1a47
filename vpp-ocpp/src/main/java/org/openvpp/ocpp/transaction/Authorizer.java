package org.openvpp.ocpp.transaction;

/**
 * Who may charge: the service's register of tokens answers here. Called on a connection's thread,
 * concurrently across chargers; implementations are thread-safe and quick.
 */
public interface Authorizer {
  /** Whether {@code token}, presented at the charger {@code charger}, may charge. */
  AuthStatus authorize(String charger, IdToken token);
}
