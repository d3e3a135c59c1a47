package org.openvpp.service.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvpp.dispatch.ChargeDispatcher;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.dispatch.ThermostatDispatcher;
import org.openvpp.program.ProgramEvent;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * One flexible-load program's dispatch through its events: managed EV charging (the enrolled cars
 * defer what they can and still get their charging need by their ready-by time, {@link
 * ChargeDispatcher}) or thermostats (resting heat pumps held off while their homes stay in their
 * comfort band, {@link ThermostatDispatcher}). Outside events the devices run on their own.
 *
 * <p>Threads: the control loop's.
 */
final class LoadControl {
  /** Kept back from every car's time to its ready-by, beyond the lag. */
  private static final Duration CHARGE_MARGIN = Duration.ofMinutes(15);

  /** How long the chargers take to come back to full power after an event. */
  private static final Duration CHARGE_RELEASE = Duration.ofHours(2);

  /** The least distance from a comfort band's edge at which a held heat pump is let go. */
  private static final Temperature COMFORT_MARGIN = Temperature.ofCelsius(0.3);

  /** Over how long held heat pumps are let go after an event. */
  private static final Duration THERMOSTAT_RELEASE = Duration.ofMinutes(30);

  private final String programId;
  private final TwinStore twins;
  private final Tuning tuning;
  private final Optional<ChargeDispatcher> charging;
  private final Optional<ThermostatDispatcher> comfort;
  private String heldFor = "";
  private double holdKw;
  private Power lastAsk = Power.ZERO;

  private LoadControl(
      String programId,
      TwinStore twins,
      Tuning tuning,
      Optional<ChargeDispatcher> charging,
      Optional<ThermostatDispatcher> comfort) {
    this.programId = programId;
    this.twins = twins;
    this.tuning = tuning;
    this.charging = charging;
    this.comfort = comfort;
  }

  static LoadControl charging(
      String programId, TwinStore twins, Tuning tuning, CommandNumbers numbers) {
    return new LoadControl(
        programId,
        twins,
        tuning,
        Optional.of(
            new ChargeDispatcher(
                twins,
                tuning.step(),
                tuning.ttl(),
                tuning.response(),
                tuning.lag(),
                CHARGE_MARGIN,
                CHARGE_RELEASE,
                3,
                0.5,
                numbers)),
        Optional.empty());
  }

  static LoadControl thermostats(
      String programId, TwinStore twins, Tuning tuning, CommandNumbers numbers) {
    return new LoadControl(
        programId,
        twins,
        tuning,
        Optional.empty(),
        Optional.of(
            new ThermostatDispatcher(
                twins,
                tuning.step(),
                tuning.ttl(),
                tuning.lag(),
                COMFORT_MARGIN,
                THERMOSTAT_RELEASE,
                numbers)));
  }

  String programId() {
    return programId;
  }

  /** What the devices were last asked to give up. */
  Power lastAsk() {
    return lastAsk;
  }

  long commandsSent() {
    return charging.map(ChargeDispatcher::commandsSent).orElse(0L)
        + comfort.map(ThermostatDispatcher::commandsSent).orElse(0L);
  }

  /**
   * This step's commands: through an active event (one command lag ahead), the cars asked for all
   * they can defer, the heat pumps for what they drew when the event began; otherwise a release.
   */
  List<Command> dispatch(Instant now, int[] members, List<ProgramEvent> live) {
    Instant acting = now.plus(tuning.lead());
    Optional<ProgramEvent> in = live.stream().filter(e -> e.window().contains(acting)).findFirst();
    if (charging.isPresent()) {
      ChargeDispatcher c = charging.get();
      Power defer = in.isPresent() ? Power.ofKilowatts(c.counterfactualKw()) : Power.ZERO;
      lastAsk = defer;
      return c.step(now, defer, members);
    }
    ThermostatDispatcher t = comfort.orElseThrow();
    if (in.isEmpty()) {
      heldFor = "";
      holdKw = 0;
    } else if (!heldFor.equals(in.get().id()) || holdKw == 0) {
      // what the heat pumps draw when the event begins (the first step they draw anything)
      heldFor = in.get().id();
      holdKw = 0;
      for (int d : members) {
        holdKw += twins.isOnline(d, now) ? Math.max(0, twins.powerKw(d)) : 0;
      }
    }
    lastAsk = Power.ofKilowatts(holdKw);
    return t.step(now, lastAsk, members);
  }
}
