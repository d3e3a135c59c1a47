package org.openvpp.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.dispatch.Command;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Power;

class BatteryHomeFleetTest {
  static final FontanaHomes DATA = FontanaHomes.load();
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final Instant START = Instant.parse("2019-08-15T07:00:00Z");
  static final Duration MINUTE = Duration.ofMinutes(1);

  static BatteryHomeFleet fleet(int homes, long seed, double ignoring) {
    return new BatteryHomeFleet(
        new FleetConfig(homes, 2, seed, ignoring, MINUTE),
        DATA,
        START,
        LA,
        Duration.ofMinutes(15),
        96);
  }

  static Command command(BatteryHomeFleet f, int i, long seq, double kw, Instant at, Duration ttl) {
    return new Command(f.batteries().get(i).id(), seq, Power.ofKilowatts(kw), at, at.plus(ttl));
  }

  @Test
  void sameSeedSameFleet() {
    BatteryHomeFleet a = fleet(50, 7, 0.1);
    BatteryHomeFleet b = fleet(50, 7, 0.1);
    for (int i = 0; i < 50; i++) {
      assertThat(a.storedKwh(i)).isEqualTo(b.storedKwh(i));
      assertThat(a.ignoresCommands(i)).isEqualTo(b.ignoresCommands(i));
      assertThat(a.homeLoadKw(i, 18)).isEqualTo(b.homeLoadKw(i, 18));
    }
  }

  @Test
  void commandActsAfterTheLatencyAndEndsAtExpiry() {
    BatteryHomeFleet f = fleet(1, 1, 0);
    f.deliver(0, command(f, 0, 1, -3, START, Duration.ofMinutes(3)));
    List<Telemetry> seen = new ArrayList<>();
    for (int m = 0; m < 5; m++) {
      f.step(START.plus(MINUTE.multipliedBy(m)), MINUTE, seen::add);
    }
    assertThat(seen)
        .extracting(t -> t.power().kilowatts())
        .containsExactly(0.0, -3.0, -3.0, 0.0, 0.0);
    assertThat(seen).extracting(Telemetry::sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void olderCommandNeverReplacesANewerOne() {
    BatteryHomeFleet f = fleet(1, 1, 0);
    f.deliver(0, command(f, 0, 5, -2, START, Duration.ofMinutes(10)));
    f.deliver(0, command(f, 0, 4, -4, START, Duration.ofMinutes(10)));
    List<Telemetry> seen = new ArrayList<>();
    f.step(START.plus(MINUTE), MINUTE, seen::add);
    assertThat(seen.get(0).power().kilowatts()).isEqualTo(-2);
  }

  @Property(tries = 60)
  void energyIsConservedAndChargeStaysWithinTheBattery(
      @ForAll @IntRange(min = 1, max = 20) int homes,
      @ForAll @DoubleRange(min = -8, max = 8) double setpointKw,
      @ForAll @IntRange(min = 1, max = 600) int minutes,
      @ForAll long seed) {
    BatteryHomeFleet f = fleet(homes, seed, 0);
    double eta = Math.sqrt(0.9);
    double[] before = new double[homes];
    for (int i = 0; i < homes; i++) {
      before[i] = f.storedKwh(i);
      f.deliver(i, command(f, i, 1, setpointKw, START.minus(MINUTE), Duration.ofDays(1)));
    }
    double[] in = new double[homes];
    double[] out = new double[homes];
    for (int m = 0; m < minutes; m++) {
      List<Telemetry> seen = new ArrayList<>();
      f.step(START.plus(MINUTE.multipliedBy(m)), MINUTE, seen::add);
      for (int i = 0; i < homes; i++) {
        double p = seen.get(i).power().kilowatts();
        Battery b = f.batteries().get(i);
        assertThat(Math.abs(p)).isLessThanOrEqualTo(5 + 1e-9);
        assertThat(f.storedKwh(i)).isBetween(0.0, b.usableCapacity().kilowattHours() + 1e-9);
        if (p > 0) {
          in[i] += p / 60;
        } else {
          out[i] -= p / 60;
        }
      }
    }
    for (int i = 0; i < homes; i++) {
      double standby = 0.005 * minutes / 60.0;
      double expected = before[i] + in[i] * eta - out[i] / eta - standby;
      // Standby losses stop at empty; allow for that clamp.
      assertThat(f.storedKwh(i)).isCloseTo(Math.max(0, expected), within(standby + 1e-6));
    }
  }

  @Test
  void ignoringBatteriesAcceptCommandsAndDoNothing() {
    BatteryHomeFleet f = fleet(200, 3, 0.5);
    int ignoring = 0;
    for (int i = 0; i < 200; i++) {
      f.deliver(i, command(f, i, 1, -2, START, Duration.ofMinutes(10)));
      ignoring += f.ignoresCommands(i) ? 1 : 0;
    }
    List<Telemetry> seen = new ArrayList<>();
    f.step(START.plus(MINUTE), MINUTE, seen::add);
    long idle = seen.stream().filter(t -> t.power().watts() == 0).count();
    assertThat(ignoring).isBetween(60, 140);
    assertThat(idle).isEqualTo(ignoring);
  }
}
