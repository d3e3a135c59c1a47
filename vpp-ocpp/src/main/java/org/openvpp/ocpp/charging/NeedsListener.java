package org.openvpp.ocpp.charging;

/**
 * Where EVs' charging needs go (the service's planner will take them). Called on a connection's
 * thread, concurrently across chargers; implementations are thread-safe and quick.
 */
public interface NeedsListener {
  /** An EV's needs, accepted by the central system. */
  void needs(ChargingNeeds needs);

  /** A listener that drops everything. */
  static NeedsListener none() {
    return needs -> {};
  }
}
