package org.openvpp.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.dispatch.DispatcherTest.World;
import org.openvpp.units.Power;

class SetpointsTest {
  static final Instant T0 = DispatcherTest.T0;
  static final Duration STEP = DispatcherTest.STEP;

  /** The batch as commands, made the way the List form makes them. */
  static List<Command> commands(World w, Setpoints batch, Instant now, Duration ttl) {
    List<Command> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      out.add(
          new Command(
              w.twins.device(batch.ordinal(i)).id(),
              batch.sequence(i),
              Power.ofKilowatts(batch.kilowatts(i)),
              now,
              now.plus(ttl)));
    }
    return out;
  }

  @Test
  void aStepFillsTheBatchWithOrdinalsSetpointsSequencesAndOneExpiry() {
    World w = new World(new double[] {12, 2 + 2.7 / Math.sqrt(0.9)}, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Setpoints batch = new Setpoints(0);
    Instant now = T0.plus(STEP);
    int n = d.step(now, Power.ofKilowatts(-3.85), w.all(), Duration.ofHours(1), batch);
    assertThat(n).isEqualTo(2).isEqualTo(batch.size());
    assertThat(batch.ordinal(0)).isZero();
    assertThat(batch.ordinal(1)).isOne();
    assertThat(batch.kilowatts(0)).isCloseTo(-2.5, within(1e-6));
    assertThat(batch.kilowatts(1)).isCloseTo(-1.35, within(1e-6));
    assertThat(batch.sequence(0)).isOne();
    assertThat(batch.sequence(1)).isEqualTo(2);
    assertThat(batch.issuedMillis()).isEqualTo(now.toEpochMilli());
    assertThat(batch.expiresMillis()).isEqualTo(now.plus(Duration.ofMinutes(5)).toEpochMilli());
    assertThat(d.commandsSent()).isEqualTo(2);
  }

  @Test
  void theNextStepOverwritesTheBatchAndGoesOnNumbering() {
    World w = new World(new double[] {12, 12}, 2, Set.of());
    Dispatcher d = Dispatcher.withDefaults(w.twins, STEP);
    Setpoints batch = new Setpoints();
    Instant now = T0.plus(STEP);
    d.step(now, Power.ofKilowatts(-6), w.all(), Duration.ofHours(1), batch);
    w.send(commands(w, batch, now, STEP.multipliedBy(5)));
    w.step(now);
    now = now.plus(STEP);
    int n = d.step(now, Power.ZERO, w.all(), Duration.ZERO, batch);
    assertThat(n).isEqualTo(2);
    assertThat(batch.kilowatts(0)).isZero();
    assertThat(batch.kilowatts(1)).isZero();
    assertThat(batch.sequence(0)).isEqualTo(3);
    assertThat(batch.issuedMillis()).isEqualTo(now.toEpochMilli());
  }

  @Test
  void readingPastTheEndOfTheBatchFails() {
    Setpoints batch = new Setpoints();
    assertThatThrownBy(() -> batch.ordinal(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new Setpoints(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  /**
   * Two dispatchers in lockstep over a random fleet (some batteries ignoring commands, opted out,
   * disconnected) and a random target path with releases and sign changes: the batch and the List
   * form give the same commands, step after step.
   */
  @Property(tries = 200)
  void theBatchGivesTheSameCommandsAsTheList(
      @ForAll @IntRange(min = 1, max = 40) int devices,
      @ForAll @IntRange(min = 1, max = 40) int steps,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] stored = new double[devices];
    Set<Integer> ignoring = new HashSet<>();
    for (int i = 0; i < devices; i++) {
      stored[i] = r.nextDouble(0, 13.5);
      if (r.nextInt(8) == 0) {
        ignoring.add(i);
      }
    }
    World w = new World(stored, r.nextDouble(0, 4), ignoring);
    for (int i = 0; i < devices; i++) {
      if (r.nextInt(10) == 0) {
        w.twins.setOptedOut(i, true);
      }
      if (r.nextInt(10) == 0) {
        w.twins.setConnected(i, false);
      }
    }
    Dispatcher batched = Dispatcher.withDefaults(w.twins, STEP);
    Dispatcher listed = Dispatcher.withDefaults(w.twins, STEP);
    Setpoints batch = new Setpoints(1);
    Instant now = T0.plus(STEP);
    double targetKw = 0;
    for (int s = 0; s < steps; s++) {
      if (r.nextInt(4) == 0) {
        targetKw = r.nextInt(5) == 0 ? 0 : r.nextDouble(-6, 6) * devices;
      }
      Duration left = Duration.ofMinutes(r.nextInt(0, 240));
      int[] members = w.all();
      batched.step(now, Power.ofKilowatts(targetKw), members, left, batch);
      List<Command> fromBatch = commands(w, batch, now, STEP.multipliedBy(5));
      List<Command> fromList = listed.step(now, Power.ofKilowatts(targetKw), members, left);
      assertThat(fromBatch).as("step %d", s).isEqualTo(fromList);
      assertThat(batched.excludedCount()).isEqualTo(listed.excludedCount());
      w.send(fromBatch);
      w.step(now);
      now = now.plus(STEP);
    }
    assertThat(batched.commandsSent()).isEqualTo(listed.commandsSent());
  }
}
