package org.openvpp.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class AggregationTreeTest {
  static final Instant T0 = Instant.parse("2019-08-15T07:00:00Z");
  static final GroupId NORTH = GroupId.of("north");
  static final GroupId F1 = GroupId.of("feeder-1");
  static final GroupId F2 = GroupId.of("feeder-2");

  record Fleet(TwinStore twins, AggregationTree tree) {}

  static Fleet fleet(int n) {
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    tree.addGroup(NORTH, GroupId.FLEET);
    tree.addGroup(F1, NORTH);
    tree.addGroup(F2, GroupId.FLEET);
    for (int i = 0; i < n; i++) {
      int d =
          twins.register(
              new Battery(
                  DeviceId.of("b" + i),
                  Energy.ofKilowattHours(10),
                  Power.ofKilowatts(5),
                  Power.ofKilowatts(4),
                  1.0,
                  Energy.ofKilowattHours(2)));
      tree.assign(d, i % 2 == 0 ? F1 : F2);
    }
    return new Fleet(twins, tree);
  }

  static void report(TwinStore twins, int i, long seq, Instant at, double kw, double kwh) {
    twins.apply(
        new Telemetry(
            DeviceId.of("b" + i), at, seq, Power.ofKilowatts(kw), Energy.ofKilowattHours(kwh)));
  }

  @Test
  void totalsRollUpTheTree() {
    Fleet f = fleet(3);
    report(f.twins(), 0, 1, T0, -2, 8);
    report(f.twins(), 1, 1, T0, 1, 4);
    report(f.twins(), 2, 1, T0, -1, 6);
    GroupTotals fleet = f.tree().totals(GroupId.FLEET);
    assertThat(fleet.devices()).isEqualTo(3);
    assertThat(fleet.online()).isEqualTo(3);
    assertThat(fleet.power().kilowatts()).isCloseTo(-2, within(1e-9));
    assertThat(fleet.stored().kilowattHours()).isCloseTo(18, within(1e-9));
    GroupTotals north = f.tree().totals(NORTH);
    assertThat(north.devices()).isEqualTo(2);
    assertThat(north.power().kilowatts()).isCloseTo(-3, within(1e-9));
    assertThat(north.dischargeable().kilowattHours()).isCloseTo(6 + 4, within(1e-9));
    // Available for an hour: min(4 kW, 6 kWh) + min(4 kW, 4 kWh).
    assertThat(north.availableDischarge().kilowatts()).isCloseTo(8, within(1e-9));
  }

  @Test
  void aDeviceMovedToAnotherGroupTakesItsContributionAlong() {
    Fleet f = fleet(3);
    report(f.twins(), 0, 1, T0, -2, 8);
    report(f.twins(), 1, 1, T0, 1, 4);
    report(f.twins(), 2, 1, T0, -1, 6);
    // b0 and b2 are on feeder-1 (under north), b1 on feeder-2; move b0 to feeder-2
    f.tree().move(0, F2);
    assertThat(f.tree().groupOf(0)).contains(F2);
    assertThat(f.tree().totals(NORTH).devices()).isEqualTo(1);
    assertThat(f.tree().totals(NORTH).power().kilowatts()).isCloseTo(-1, within(1e-9));
    assertThat(f.tree().totals(F2).devices()).isEqualTo(2);
    assertThat(f.tree().totals(F2).power().kilowatts()).isCloseTo(-1, within(1e-9));
    assertThat(f.tree().totals(GroupId.FLEET).power().kilowatts()).isCloseTo(-2, within(1e-9));
    assertThat(f.tree().members(NORTH)).containsExactly(2);
    assertThat(f.tree().members(F2)).containsExactlyInAnyOrder(0, 1);
    // later reports land in the new group only
    report(f.twins(), 0, 2, T0.plusSeconds(60), -4, 7);
    assertThat(f.tree().totals(F2).power().kilowatts()).isCloseTo(-3, within(1e-9));
    assertThat(f.tree().totals(NORTH).power().kilowatts()).isCloseTo(-1, within(1e-9));
  }

  @Test
  void customersPreferencesChangeWhatTheGroupOffersAtOnce() {
    Fleet f = fleet(2);
    report(f.twins(), 0, 1, T0, 0, 8);
    report(f.twins(), 1, 1, T0, 0, 8);
    // Each holds 8 kWh, above its reserve of 2: 6 kWh each, both in the fleet.
    assertThat(f.tree().totals(GroupId.FLEET).dischargeable().kilowattHours())
        .isCloseTo(12, within(1e-9));
    // A customer raises the reserve to 5 kWh: 3 kWh are left to offer from that battery.
    f.twins().setReserve(0, Energy.ofKilowattHours(5));
    assertThat(f.tree().totals(GroupId.FLEET).dischargeable().kilowattHours())
        .isCloseTo(9, within(1e-9));
    // Another opts out: measured still, offering nothing.
    f.twins().setOptedOut(1, true);
    assertThat(f.tree().totals(GroupId.FLEET).dischargeable().kilowattHours())
        .isCloseTo(3, within(1e-9));
    assertThat(f.tree().totals(F2).availableDischarge().kilowatts()).isZero();
    assertThat(f.tree().totals(F2).stored().kilowattHours()).isEqualTo(8);
    f.twins().setOptedOut(1, false);
    assertThat(f.tree().totals(GroupId.FLEET).dischargeable().kilowattHours())
        .isCloseTo(9, within(1e-9));
  }

  @Test
  void severalTreesOverTheSameTwinsStayUpToDate() {
    Fleet f = fleet(4);
    // An operator's own grouping, beside the feeders: devices 0 and 3 in "pilot".
    AggregationTree operator = new AggregationTree(f.twins());
    f.twins().onChange(operator::update);
    GroupId pilot = GroupId.of("pilot");
    GroupId rest = GroupId.of("rest");
    operator.addGroup(pilot, GroupId.FLEET);
    operator.addGroup(rest, GroupId.FLEET);
    for (int d = 0; d < 4; d++) {
      operator.assign(d, d == 0 || d == 3 ? pilot : rest);
    }
    for (int d = 0; d < 4; d++) {
      report(f.twins(), d, 1, T0, -(d + 1), 8);
    }
    assertThat(operator.totals(pilot).power().kilowatts()).isCloseTo(-5, within(1e-9));
    assertThat(f.tree().totals(GroupId.FLEET).power().kilowatts()).isCloseTo(-10, within(1e-9));
  }

  @Test
  void aGroupsEnvelopeIsItsVirtualBattery() {
    Fleet f = fleet(2);
    report(f.twins(), 0, 1, T0, 0, 8);
    report(f.twins(), 1, 1, T0, 0, 4);
    var horizon = new org.openvpp.time.Horizon(T0, Duration.ofHours(1), 3);
    var e = f.tree().envelope(GroupId.FLEET, horizon);
    // Dischargeable 6 + 2 kWh; available for an hour min(4, 6) + min(4, 2) = 6 kW.
    assertThat(e.minPower(0).kilowatts()).isCloseTo(-6, within(1e-9));
    assertThat(e.minEnergy(0).kilowattHours()).isCloseTo(-6, within(1e-9));
    assertThat(e.minEnergy(2).kilowattHours()).isCloseTo(-8, within(1e-9));
    assertThat(e.admits(new double[] {-6, -2, 0})).isTrue();
    assertThat(e.admits(new double[] {-6, -3, 0})).isFalse();
  }

  @Test
  void staleTwinsLeaveTheTotals() {
    Fleet f = fleet(2);
    report(f.twins(), 0, 1, T0, -2, 8);
    report(f.twins(), 1, 1, T0.plus(Duration.ofMinutes(4)), -1, 8);
    assertThat(f.tree().expireStale(T0.plus(Duration.ofMinutes(6)))).isEqualTo(1);
    GroupTotals t = f.tree().totals(GroupId.FLEET);
    assertThat(t.online()).isEqualTo(1);
    assertThat(t.power().kilowatts()).isCloseTo(-1, within(1e-9));
    // Reporting again brings it back.
    report(f.twins(), 0, 2, T0.plus(Duration.ofMinutes(6)), -3, 7);
    assertThat(f.tree().totals(GroupId.FLEET).online()).isEqualTo(2);
  }

  @Test
  void aDeviceThatSaysItIsOfflineLeavesTheTotalsAtOnce() {
    Fleet f = fleet(2);
    report(f.twins(), 0, 1, T0, -2, 8);
    report(f.twins(), 1, 1, T0, -1, 8);
    f.twins().setConnected(0, false);
    assertThat(f.twins().isOnline(0, T0)).isFalse();
    assertThat(f.tree().totals(GroupId.FLEET).online()).isEqualTo(1);
    assertThat(f.tree().totals(GroupId.FLEET).power().kilowatts()).isCloseTo(-1, within(1e-9));
    f.twins().setConnected(0, true);
    report(f.twins(), 0, 2, T0.plusSeconds(60), -3, 7);
    assertThat(f.tree().totals(GroupId.FLEET).online()).isEqualTo(2);
    assertThat(f.tree().totals(GroupId.FLEET).power().kilowatts()).isCloseTo(-4, within(1e-9));
  }

  @Property(tries = 50)
  void incrementalTotalsEqualARecount(
      @ForAll @IntRange(min = 1, max = 50) int devices,
      @ForAll @IntRange(min = 0, max = 2000) int messages,
      @ForAll long seed) {
    Fleet f = fleet(devices);
    SplittableRandom r = new SplittableRandom(seed);
    long[] seq = new long[devices];
    Instant now = T0;
    for (int m = 0; m < messages; m++) {
      int i = r.nextInt(devices);
      // Some messages arrive late (older sequence) and must change nothing.
      long s = r.nextInt(10) == 0 ? seq[i] - 1 : ++seq[i];
      now = now.plusSeconds(r.nextInt(30));
      report(f.twins(), i, s, now, -5 + 10 * r.nextDouble(), 10 * r.nextDouble());
      if (r.nextInt(50) == 0) {
        f.tree().expireStale(now);
      }
    }
    f.tree().expireStale(now);
    for (GroupId g : f.tree().groups()) {
      GroupTotals incremental = f.tree().totals(g);
      f.tree().recompute();
      GroupTotals recount = f.tree().totals(g);
      assertThat(incremental.online()).isEqualTo(recount.online());
      assertThat(incremental.power().kilowatts())
          .isCloseTo(recount.power().kilowatts(), within(1e-6));
      assertThat(incremental.dischargeable().kilowattHours())
          .isCloseTo(recount.dischargeable().kilowattHours(), within(1e-6));
      // Right after a sweep, the totals are those of the online twins, counted from scratch.
      double power = 0;
      int online = 0;
      for (int d : f.tree().members(g)) {
        if (f.twins().isOnline(d, now)) {
          power += f.twins().powerKw(d);
          online++;
        }
      }
      assertThat(recount.online()).isEqualTo(online);
      assertThat(power).isCloseTo(recount.power().kilowatts(), within(1e-6));
    }
  }
}
