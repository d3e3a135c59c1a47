package org.openvpp.server.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import org.openvpp.dispatch.Command;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.twin.TwinStore;

/**
 * How the VPP and the simulated fleet reach each other: in memory ({@link DirectLink}), or as a
 * device cloud speaking the device protocol through an MQTT broker to the gateway ({@link
 * MqttLink}), which is what {@code ./vpp up} runs.
 *
 * <p>Either way a step is synchronous: {@link #step} returns when the telemetry the fleet sent in
 * that step is in the twins, so a stepped run is as reproducible over a broker as in memory.
 *
 * <p>Threads: all calls on the run's thread.
 */
public interface FleetLink extends AutoCloseable {

  /** Opens a link between a fleet and the twins. */
  interface Opener {
    /** The prefix the fleet's device ids must carry ({@code cloud:} for a device cloud). */
    String idPrefix();

    /** Opens the link; {@code clock} is the VPP's clock, against which messages are judged. */
    FleetLink open(SimFleet fleet, TwinStore twins, Clock clock);
  }

  /**
   * Brings every device of the fleet into the twins: each is registered (and {@code placed} told
   * its ordinal, to put it in the aggregation tree) and sends its first report, for the step before
   * {@code at}.
   */
  void connect(Instant at, Duration step, IntConsumer placed);

  /** Sends a command toward its device; it acts on it from the next {@link #step}. */
  void send(Command command);

  /** Steps the fleet by {@code dt} from {@code now}; returns when its telemetry is in the twins. */
  void step(Instant now, Duration dt);

  /** Telemetry messages the twins accepted. */
  long accepted();

  /** Telemetry messages refused (stale, duplicate, malformed, unknown device). */
  long rejected();

  /** One line on what travelled over the link, for the run's report. */
  String summary();

  @Override
  void close();
}
