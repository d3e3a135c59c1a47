package org.openvpp.ocpp.metering;

/**
 * Where meter samples go (the service feeds the twins and the metering history from it). Called on
 * a connection's thread, concurrently across chargers; implementations are thread-safe and quick.
 * Samples of a transaction event the central system already had are not given again; plain
 * MeterValues have no key to tell a repeat, so a repeated one is given again.
 */
public interface MeterListener {
  /** Samples read from one message. */
  void samples(MeterReport report);

  /**
   * A sample of a transaction message that was skipped for {@code reason} (a value that is not a
   * number, a unit that does not fit its measurand); the message itself was applied.
   */
  default void skipped(String charger, String reason) {}

  /** A listener that drops everything. */
  static MeterListener none() {
    return report -> {};
  }
}
