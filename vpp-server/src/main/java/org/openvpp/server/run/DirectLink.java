package org.openvpp.server.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import org.openvpp.dispatch.Command;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;

/**
 * The fleet in the same process, no protocol between: commands are handed to the simulated devices
 * and their {@link Telemetry} to the twins. For tests and benchmarks of the control loop alone.
 */
public final class DirectLink implements FleetLink {

  /** Opens direct links. */
  public static final Opener OPENER =
      new Opener() {
        @Override
        public String idPrefix() {
          return "";
        }

        @Override
        public FleetLink open(SimFleet fleet, TwinStore twins, Clock clock) {
          return new DirectLink(fleet, twins);
        }
      };

  private final SimFleet fleet;
  private final TwinStore twins;
  private long accepted;
  private long rejected;
  private long commands;

  private DirectLink(SimFleet fleet, TwinStore twins) {
    this.fleet = fleet;
    this.twins = twins;
  }

  @Override
  public void connect(Instant at, Duration step, IntConsumer placed) {
    for (var device : fleet.devices()) {
      placed.accept(twins.register(device));
    }
    fleet.step(at.minus(step), step, this::apply);
  }

  @Override
  public void send(Command command) {
    fleet.deliver(command);
    commands++;
  }

  @Override
  public void step(Instant now, Duration dt) {
    fleet.step(now, dt, this::apply);
  }

  private void apply(Telemetry t) {
    if (twins.apply(t) == TwinStore.Outcome.ACCEPTED) {
      accepted++;
    } else {
      rejected++;
    }
  }

  @Override
  public long accepted() {
    return accepted;
  }

  @Override
  public long rejected() {
    return rejected;
  }

  @Override
  public String summary() {
    return "in memory: " + commands + " commands handed to devices";
  }

  @Override
  public void close() {}
}
