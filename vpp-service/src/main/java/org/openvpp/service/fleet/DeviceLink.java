package org.openvpp.service.fleet;

import java.util.Map;
import org.openvpp.dispatch.Command;

/**
 * How the service reaches the devices: the device protocol's gateway over MQTT in a deployment,
 * anything that speaks to the twins the same way in a test. What devices send (births, telemetry,
 * statuses, acknowledgements) reaches the fleet's twins when the control loop {@link #drain drains}
 * it; commands go out with {@link #send}, are tracked until acknowledged, and are sent again by
 * {@link #tick} until they expire.
 *
 * <p>Threads: every call on the control loop's thread.
 */
public interface DeviceLink extends AutoCloseable {

  /** Hands what the devices sent since the last call to the twins. */
  void drain();

  /** Sends a command and records it. */
  void send(Command command);

  /** Sends again what is unacknowledged and due, expires what is over; returns how many. */
  int tick();

  /**
   * Commands published since the last call (resends included), by the device cloud they went to
   * ({@code ""} for devices on connections of their own): what a simulated world waits for before
   * it steps.
   */
  Map<String, Long> takeSent();

  /** Telemetry so far: accepted, kept but late, and refused by reason ({@code key → count}). */
  Map<String, Long> telemetry();

  /** One line for people: what crossed the link. */
  String summary();

  @Override
  void close();
}
