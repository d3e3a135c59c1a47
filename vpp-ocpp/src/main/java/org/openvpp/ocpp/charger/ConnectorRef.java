package org.openvpp.ocpp.charger;

/**
 * A connector of a charger. In 2.0.1 an EVSE has connectors; a 1.6 connector is its own EVSE, so it
 * is {@code (connectorId, connectorId)}, and 1.6's connector 0 (the charge point as a whole) is
 * {@code (0, 0)}.
 */
public record ConnectorRef(int evseId, int connectorId) implements Comparable<ConnectorRef> {
  public ConnectorRef {
    if (evseId < 0 || connectorId < 0) {
      throw new IllegalArgumentException(
          "EVSE and connector ids are not negative: " + evseId + ", " + connectorId);
    }
  }

  @Override
  public int compareTo(ConnectorRef o) {
    int byEvse = Integer.compare(evseId, o.evseId);
    return byEvse != 0 ? byEvse : Integer.compare(connectorId, o.connectorId);
  }
}
