package org.openvpp.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class DispatcherTest {
  static final Instant T0 = Instant.parse("2019-08-16T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(1);

  /**
   * Batteries that act on a command one step after it is issued, unless told to ignore commands,
   * and report after every step: enough of a world to test the loop against.
   */
  static final class World {
    final TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    final double[] stored;
    final double[] reserve;
    final double[] active;
    final double[] pending;
    final Set<Integer> ignoring;
    final double eta = Math.sqrt(0.9);
    long seq;

    World(double[] storedKwh, double reserveKwh, Set<Integer> ignoring) {
      int n = storedKwh.length;
      stored = storedKwh.clone();
      reserve = new double[n];
      active = new double[n];
      pending = new double[n];
      this.ignoring = ignoring;
      for (int i = 0; i < n; i++) {
        reserve[i] = reserveKwh;
        twins.register(
            new Battery(
                DeviceId.of("b" + i),
                Energy.ofKilowattHours(13.5),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(reserveKwh)));
      }
      report(T0);
    }

    void send(List<Command> commands) {
      for (Command c : commands) {
        int d = twins.ordinalOf(c.device()).orElseThrow();
        if (!ignoring.contains(d)) {
          pending[d] = c.setpoint().kilowatts();
        }
      }
    }

    /** One step: last step's commands take effect, energy moves, everyone reports. */
    void step(Instant now) {
      double h = 1.0 / 60;
      for (int d = 0; d < stored.length; d++) {
        double p = active[d];
        stored[d] += p < 0 ? p / eta * h : p * eta * h;
        active[d] = pending[d];
      }
      report(now.plus(STEP));
    }

    double power() {
      double sum = 0;
      for (int d = 0; d < stored.length; d++) {
        sum += twins.powerKw(d);
      }
      return sum;
    }

    private void report(Instant at) {
      for (int d = 0; d < stored.length; d++) {
        twins.apply(
            new Telemetry(
                DeviceId.of("b" + d),
                at,
                ++seq,
                Power.ofKilowatts(active[d]),
                Energy.ofKilowattHours(stored[d])));
      }
    }

    int[] all() {
      int[] m = new int[stored.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = i;
      }
      return m;
    }
  }

  @Test
  void splitsATargetInProportionToWhatEachCanSustain() {
    // Over one hour, battery 0 can sustain 5 kW (full power), battery 1 only its energy: 2.7 kWh.
    World w = new World(new double[] {12, 2 + 2.7 / Math.sqrt(0.9)}, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    List<Command> out =
        d.step(T0.plus(STEP), Power.ofKilowatts(-3.85), w.all(), Duration.ofHours(1));
    assertThat(out).hasSize(2);
    assertThat(out.get(0).setpoint().kilowatts()).isCloseTo(-2.5, within(1e-6));
    assertThat(out.get(1).setpoint().kilowatts()).isCloseTo(-1.35, within(1e-6));
    assertThat(out.get(0).expires()).isEqualTo(T0.plus(STEP).plus(Duration.ofMinutes(5)));
  }

  @Test
  void aDeviceItsCustomerOptedOutIsNeverCommandedAndIsReleasedWhenItOptsOutMidEvent() {
    World w = new World(new double[] {12, 12, 12}, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    w.twins.setOptedOut(2, true);
    Instant now = T0.plus(STEP);
    List<Command> out = d.step(now, Power.ofKilowatts(-6), w.all(), Duration.ofHours(1));
    assertThat(out).extracting(Command::device).doesNotContain(DeviceId.of("b2"));
    assertThat(out).extracting(c -> c.setpoint().kilowatts()).containsOnly(-3.0);
    w.send(out);
    w.step(now);
    // Battery 0 opts out while it discharges: it is released at once, the others take its share.
    w.twins.setOptedOut(0, true);
    now = now.plus(STEP);
    out = d.step(now, Power.ofKilowatts(-5), w.all(), Duration.ofHours(1));
    assertThat(out)
        .filteredOn(c -> c.device().equals(DeviceId.of("b0")))
        .singleElement()
        .satisfies(c -> assertThat(c.setpoint().kilowatts()).isZero());
    assertThat(out).extracting(Command::device).doesNotContain(DeviceId.of("b2"));
  }

  @Test
  void closedLoopMakesUpForADeviceThatIgnoresCommandsAndLeavesItOut() {
    World w = new World(new double[] {12, 12, 12, 12}, 2, Set.of(3));
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Instant now = T0.plus(STEP);
    for (int m = 0; m < 30; m++) {
      w.send(d.step(now, Power.ofKilowatts(-12), w.all(), Duration.ofHours(1)));
      w.step(now);
      now = now.plus(STEP);
    }
    // Within the command deadband: 0.1 kW for each of the three working devices.
    assertThat(w.power()).isCloseTo(-12, within(0.3));
    assertThat(d.excludedCount()).isEqualTo(1);
    assertThat(d.isExcluded(3)).isTrue();
  }

  @Test
  void releaseTellsEveryDispatchedDeviceZeroAndForgetsExclusions() {
    World w = new World(new double[] {12, 12}, 2, Set.of(1));
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Instant now = T0.plus(STEP);
    for (int m = 0; m < 10; m++) {
      w.send(d.step(now, Power.ofKilowatts(-4), w.all(), Duration.ofHours(1)));
      w.step(now);
      now = now.plus(STEP);
    }
    List<Command> release = d.step(now, Power.ZERO, w.all(), Duration.ZERO);
    assertThat(release)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.setpoint()).isEqualTo(Power.ZERO));
    assertThat(d.excludedCount()).isZero();
  }

  /**
   * Holding before an event: every member is told zero and told it again before that command
   * expires (a release is sent once and then lapses, leaving the battery to its home); one caught
   * ignoring commands is not held, and a later dispatch starts from the held group.
   */
  @Test
  void aHoldKeepsEveryMemberAtZeroUntilTheNextDispatch() {
    World w = new World(new double[] {12, 12, 12}, 2, Set.of(2));
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Instant now = T0.plus(STEP);
    // battery 2 ignores commands: caught while the group discharges
    for (int m = 0; m < 10; m++) {
      w.send(d.step(now, Power.ofKilowatts(-6), w.all(), Duration.ofHours(1)));
      w.step(now);
      now = now.plus(STEP);
    }
    assertThat(d.isExcluded(2)).isTrue();
    java.util.Map<Integer, Integer> zeros = new java.util.HashMap<>();
    for (int m = 0; m < 20; m++) {
      List<Command> out = d.hold(now, w.all());
      for (Command c : out) {
        assertThat(c.setpoint()).isEqualTo(Power.ZERO);
        zeros.merge(w.twins.ordinalOf(c.device()).orElseThrow(), 1, Integer::sum);
        // a hold lasts its time-to-live and is refreshed half-way
        assertThat(c.expires()).isEqualTo(now.plus(Duration.ofMinutes(5)));
      }
      w.send(out);
      w.step(now);
      now = now.plus(STEP);
    }
    // 20 minutes of holding: the first command and one every two and a half minutes after it
    assertThat(zeros.get(0)).isBetween(7, 9);
    assertThat(zeros.get(1)).isBetween(7, 9);
    // the one caught ignoring (told zero when it was left out) is not held
    assertThat(zeros).doesNotContainKey(2);
    assertThat(w.power()).isCloseTo(0, within(1e-9));
    List<Command> again = d.step(now, Power.ofKilowatts(-4), w.all(), Duration.ofHours(1));
    assertThat(again).extracting(c -> c.setpoint().kilowatts()).allMatch(kw -> kw < 0);
  }

  @Test
  void aStaggeredReleaseLetsTheGroupGoInEvenCohortsOverTheSpread() {
    double[] full = new double[10];
    java.util.Arrays.fill(full, 12);
    World w = new World(full, 2, Set.of());
    Dispatcher d =
        new Dispatcher(
            w.twins,
            STEP,
            STEP.multipliedBy(5),
            STEP.multipliedBy(2),
            STEP,
            3,
            0.5,
            new Dispatcher.Policy(Duration.ofMinutes(5), 0));
    Instant now = T0.plus(STEP);
    for (int m = 0; m < 10; m++) {
      w.send(d.step(now, Power.ofKilowatts(-20), w.all(), Duration.ofHours(1)));
      w.step(now);
      now = now.plus(STEP);
    }
    assertThat(w.power()).isCloseTo(-20, within(0.5));
    // Five cohorts of two over five minutes: the group's power steps down by a fifth a minute.
    double[] power = new double[7];
    for (int m = 0; m < power.length; m++) {
      w.send(d.step(now, Power.ZERO, w.all(), Duration.ZERO));
      w.step(now);
      power[m] = w.power();
      now = now.plus(STEP);
    }
    // This world reports the setpoint it was just given: the first cohort goes at once.
    assertThat(power[0]).isCloseTo(-16, within(0.5));
    assertThat(power[1]).isCloseTo(-12, within(0.5));
    assertThat(power[2]).isCloseTo(-8, within(0.5));
    assertThat(power[3]).isCloseTo(-4, within(0.5));
    assertThat(power[4]).isCloseTo(0, within(1e-9));
    assertThat(power[5]).isCloseTo(0, within(1e-9));
    assertThat(power[6]).isCloseTo(0, within(1e-9));
  }

  /** Twenty short events, each asking a tenth of what 100 batteries can give: who is called. */
  private static int[] callsPerBattery(Dispatcher.Policy policy, int[] calledPerEvent) {
    double[] full = new double[100];
    java.util.Arrays.fill(full, 12);
    World w = new World(full, 2, Set.of());
    Dispatcher d =
        new Dispatcher(
            w.twins, STEP, STEP.multipliedBy(5), STEP.multipliedBy(2), STEP, 3, 0.5, policy);
    int[] calls = new int[100];
    Instant now = T0.plus(STEP);
    for (int event = 0; event < 20; event++) {
      boolean[] calledNow = new boolean[100];
      for (int m = 0; m < 10; m++) {
        List<Command> out =
            d.step(now, Power.ofKilowatts(-50), w.all(), Duration.ofMinutes(10 - m));
        for (Command c : out) {
          if (c.setpoint().kilowatts() < 0) {
            calledNow[w.twins.ordinalOf(c.device()).orElseThrow()] = true;
          }
        }
        w.send(out);
        w.step(now);
        now = now.plus(STEP);
        assertThat(w.power()).as("event %d minute %d", event, m).isCloseTo(-50, within(5.0));
      }
      for (int m = 0; m < 5; m++) {
        w.send(d.step(now, Power.ZERO, w.all(), Duration.ZERO));
        w.step(now);
        now = now.plus(STEP);
      }
      for (int i = 0; i < 100; i++) {
        calls[i] += calledNow[i] ? 1 : 0;
        calledPerEvent[event] += calledNow[i] ? 1 : 0;
      }
      // Top the batteries up again so that energy never decides who is called.
      for (int i = 0; i < 100; i++) {
        w.stored[i] = 12;
      }
    }
    return calls;
  }

  @Test
  void rotationCallsASubsetEachEventAndTurnsOverTheWholeGroup() {
    int[] perEvent = new int[20];
    int[] calls = callsPerBattery(new Dispatcher.Policy(Duration.ZERO, 0.5), perEvent);
    // 50 kW of 500: with a quarter to spare, about 13 of the 100 batteries (5 kW each) per event.
    assertThat(java.util.Arrays.stream(perEvent).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(10, 20));
    // 20 events × about 13 calls over 100 batteries: two or three each, nobody left out or worn.
    assertThat(java.util.Arrays.stream(calls).min().orElseThrow()).isGreaterThanOrEqualTo(1);
    assertThat(java.util.Arrays.stream(calls).max().orElseThrow()).isLessThanOrEqualTo(4);
  }

  @Test
  void withoutRotationEveryBatteryIsCalledEveryTime() {
    int[] perEvent = new int[20];
    int[] calls = callsPerBattery(Dispatcher.Policy.DEFAULT, perEvent);
    assertThat(perEvent).containsOnly(100);
    assertThat(calls).containsOnly(20);
  }

  @Test
  void anImmediateReleaseLetsEveryDeviceGoAtOnce() {
    double[] full = new double[10];
    java.util.Arrays.fill(full, 12);
    World w = new World(full, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Instant now = T0.plus(STEP);
    for (int m = 0; m < 10; m++) {
      w.send(d.step(now, Power.ofKilowatts(-20), w.all(), Duration.ofHours(1)));
      w.step(now);
      now = now.plus(STEP);
    }
    w.send(d.step(now, Power.ZERO, w.all(), Duration.ZERO));
    w.step(now);
    now = now.plus(STEP);
    w.send(d.step(now, Power.ZERO, w.all(), Duration.ZERO));
    w.step(now);
    assertThat(w.power()).isCloseTo(0, within(1e-9));
  }

  @Property(tries = 100)
  void neverTakesABatteryBelowItsReserve(
      @ForAll @IntRange(min = 1, max = 12) int devices,
      @ForAll @DoubleRange(min = 0.5, max = 60) double targetKw,
      @ForAll @IntRange(min = 5, max = 120) int minutes,
      @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] stored = new double[devices];
    for (int i = 0; i < devices; i++) {
      stored[i] = 2 + 3 * r.nextDouble();
    }
    World w = new World(stored, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Instant now = T0.plus(STEP);
    Instant end = now.plus(Duration.ofMinutes(minutes));
    for (int m = 0; m < minutes + 3; m++) {
      Power target = now.isBefore(end) ? Power.ofKilowatts(-targetKw) : Power.ZERO;
      Duration left = now.isBefore(end) ? Duration.between(now, end) : Duration.ZERO;
      w.send(d.step(now, target, w.all(), left));
      w.step(now);
      now = now.plus(STEP);
      for (int i = 0; i < devices; i++) {
        assertThat(w.stored[i])
            .as("battery %d at minute %d", i, m)
            .isGreaterThanOrEqualTo(2 - 1e-9);
      }
    }
  }
}
