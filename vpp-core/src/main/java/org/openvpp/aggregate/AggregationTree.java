package org.openvpp.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * Groups of devices in a tree, each with running totals of its online devices.
 *
 * <p>Design: every device remembers the contribution it last added (a few doubles in a flat array
 * by ordinal); when its twin changes, the difference between its new and old contribution is added
 * to each group on its path to the root. An update therefore costs the depth of the tree, never a
 * scan of the fleet. Twins that fall silent are taken out by {@link #expireStale(Instant)}, which
 * does scan; call it once per control step, not per message.
 *
 * <p>Rounding: running sums drift by floating-point error over millions of updates; {@link
 * #recompute()} rebuilds them exactly, and tests compare the two.
 *
 * <p>Threads: confined to the twin store's writer thread.
 */
public final class AggregationTree {

  // Contribution fields, per device and per group.
  private static final int ONLINE = 0;
  private static final int POWER = 1;
  private static final int STORED = 2;
  private static final int DISCHARGEABLE = 3;
  private static final int CHARGEABLE = 4;
  private static final int AVAIL_DISCHARGE = 5;
  private static final int AVAIL_CHARGE = 6;
  private static final int FIELDS = 7;

  private final TwinStore twins;
  private final Map<GroupId, Integer> index = new HashMap<>();
  private final List<GroupId> ids = new ArrayList<>();
  private final List<Integer> parents = new ArrayList<>();
  private final List<int[]> paths = new ArrayList<>();
  // Members of each group as a growable int array (no boxing: a million devices in a few groups).
  private final List<int[]> members = new ArrayList<>();
  private int[] memberCount = new int[0];
  private double[] totals = new double[0];
  private int[] deviceCount = new int[0];

  private int[] leafOf = new int[0];
  private double[] contribution = new double[0];
  private boolean[] counted = new boolean[0];
  private final double[] scratch = new double[FIELDS];

  private final double sustainHours;

  /**
   * @param twins the twins whose devices are grouped
   * @param sustain how long a device must be able to hold a power for it to count as available
   *     (power available is {@code min(max power, energy left / sustain)})
   */
  public AggregationTree(TwinStore twins, java.time.Duration sustain) {
    this.twins = Objects.requireNonNull(twins, "twins");
    if (sustain.isNegative() || sustain.isZero()) {
      throw new IllegalArgumentException("sustain must be positive, was " + sustain);
    }
    this.sustainHours = org.openvpp.units.Durations.hours(sustain);
    addGroup(GroupId.FLEET, -1);
  }

  /** A tree counting as available the power a device can hold for one hour. */
  public AggregationTree(TwinStore twins) {
    this(twins, java.time.Duration.ofHours(1));
  }

  /** Adds a group under {@code parent}; the root is {@link GroupId#FLEET}. */
  public void addGroup(GroupId group, GroupId parent) {
    if (index.containsKey(group)) {
      throw new IllegalArgumentException("group " + group + " already exists");
    }
    addGroup(group, indexOf(parent));
  }

  private void addGroup(GroupId group, int parent) {
    int g = ids.size();
    index.put(group, g);
    ids.add(group);
    parents.add(parent);
    int[] parentPath = parent < 0 ? new int[0] : paths.get(parent);
    int[] path = Arrays.copyOf(parentPath, parentPath.length + 1);
    path[parentPath.length] = g;
    paths.add(path);
    members.add(new int[4]);
    memberCount = Arrays.copyOf(memberCount, g + 1);
    totals = Arrays.copyOf(totals, (g + 1) * FIELDS);
    deviceCount = Arrays.copyOf(deviceCount, g + 1);
  }

  /**
   * Puts device {@code ordinal} in {@code group} (and so in all its ancestors); once per device.
   */
  public void assign(int ordinal, GroupId group) {
    int g = indexOf(group);
    if (ordinal >= leafOf.length) {
      int n = Math.max(16, Math.max(ordinal + 1, leafOf.length * 2));
      int old = leafOf.length;
      leafOf = Arrays.copyOf(leafOf, n);
      Arrays.fill(leafOf, old, n, -1);
      contribution = Arrays.copyOf(contribution, n * FIELDS);
      counted = Arrays.copyOf(counted, n);
    }
    if (leafOf[ordinal] >= 0) {
      throw new IllegalArgumentException(
          "device " + ordinal + " is already in group " + ids.get(leafOf[ordinal]));
    }
    leafOf[ordinal] = g;
    for (int p : paths.get(g)) {
      deviceCount[p]++;
      int[] m = members.get(p);
      if (memberCount[p] == m.length) {
        m = Arrays.copyOf(m, m.length * 2);
        members.set(p, m);
      }
      m[memberCount[p]++] = ordinal;
    }
    update(ordinal);
  }

  /**
   * Moves device {@code ordinal} to {@code group} (a device enrolled in a program, or leaving one);
   * assigns it if it is in none. Its contribution leaves the old path and joins the new one; cost:
   * the sizes of the groups it leaves.
   */
  public void move(int ordinal, GroupId group) {
    int g = indexOf(group);
    if (ordinal >= leafOf.length || leafOf[ordinal] < 0) {
      assign(ordinal, group);
      return;
    }
    int old = leafOf[ordinal];
    if (old == g) {
      return;
    }
    apply(ordinal, new double[FIELDS], false);
    for (int p : paths.get(old)) {
      deviceCount[p]--;
      int[] m = members.get(p);
      int n = memberCount[p];
      for (int i = 0; i < n; i++) {
        if (m[i] == ordinal) {
          System.arraycopy(m, i + 1, m, i, n - i - 1);
          memberCount[p]--;
          break;
        }
      }
    }
    leafOf[ordinal] = -1;
    assign(ordinal, group);
  }

  /** The group device {@code ordinal} is in, if any. */
  public java.util.Optional<GroupId> groupOf(int ordinal) {
    if (ordinal >= leafOf.length || leafOf[ordinal] < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ids.get(leafOf[ordinal]));
  }

  /** Whether {@code group} exists. */
  public boolean hasGroup(GroupId group) {
    return index.containsKey(group);
  }

  /** Brings the totals up to date with the twin of {@code ordinal}; cost: the depth of the tree. */
  public void update(int ordinal) {
    if (ordinal >= leafOf.length || leafOf[ordinal] < 0) {
      return;
    }
    double[] next = scratch;
    Arrays.fill(next, 0);
    boolean live = twins.hasReported(ordinal) && twins.isConnected(ordinal);
    if (live) {
      contributionOf(ordinal, next);
    }
    apply(ordinal, next, live);
  }

  /** Takes out the contribution of every twin that has gone stale by {@code now}; a full scan. */
  public int expireStale(Instant now) {
    int expired = 0;
    double[] none = new double[FIELDS];
    for (int d = 0; d < leafOf.length; d++) {
      if (counted[d] && !twins.isOnline(d, now)) {
        apply(d, none, false);
        expired++;
      }
    }
    return expired;
  }

  private void contributionOf(int d, double[] into) {
    // A device its customer opted out is measured but offers nothing.
    boolean offered = !twins.isOptedOut(d);
    double dischargeable = offered ? twins.dischargeableKwh(d) : 0;
    double chargeable = offered ? twins.chargeableKwh(d) : 0;
    into[ONLINE] = 1;
    into[POWER] = twins.powerKw(d);
    into[STORED] = twins.storedKwh(d);
    into[DISCHARGEABLE] = dischargeable;
    into[CHARGEABLE] = chargeable;
    into[AVAIL_DISCHARGE] = Math.min(twins.maxDischargeKw(d), dischargeable / sustainHours);
    into[AVAIL_CHARGE] = Math.min(twins.maxChargeKw(d), chargeable / sustainHours);
  }

  private void apply(int d, double[] next, boolean nowCounted) {
    int base = d * FIELDS;
    for (int g : paths.get(leafOf[d])) {
      int gb = g * FIELDS;
      for (int f = 0; f < FIELDS; f++) {
        totals[gb + f] += next[f] - contribution[base + f];
      }
    }
    System.arraycopy(next, 0, contribution, base, FIELDS);
    counted[d] = nowCounted;
  }

  /** Rebuilds every total from the stored contributions, removing accumulated rounding error. */
  public void recompute() {
    Arrays.fill(totals, 0);
    for (int d = 0; d < leafOf.length; d++) {
      if (leafOf[d] < 0) {
        continue;
      }
      for (int g : paths.get(leafOf[d])) {
        for (int f = 0; f < FIELDS; f++) {
          totals[g * FIELDS + f] += contribution[d * FIELDS + f];
        }
      }
    }
  }

  public GroupTotals totals(GroupId group) {
    int g = indexOf(group);
    int b = g * FIELDS;
    return new GroupTotals(
        group,
        deviceCount[g],
        (int) Math.round(totals[b + ONLINE]),
        Power.ofKilowatts(totals[b + POWER]),
        Energy.ofKilowattHours(totals[b + STORED]),
        Energy.ofKilowattHours(totals[b + DISCHARGEABLE]),
        Energy.ofKilowattHours(totals[b + CHARGEABLE]),
        Power.ofKilowatts(totals[b + AVAIL_DISCHARGE]),
        Power.ofKilowatts(totals[b + AVAIL_CHARGE]));
  }

  /**
   * The group's envelope over {@code horizon} as a virtual battery made from its running totals:
   * its available charge and discharge power in every interval, and energy bounds that grow at that
   * power until the group's chargeable and dischargeable energy. Cheap (no scan of the group), so
   * the planner and the API can ask at any time; it is an inner approximation of the sum of the
   * devices' envelopes (a device's power counts only as far as it can hold it for the tree's
   * sustain time), which is the safe side for a commitment.
   */
  public org.openvpp.flex.FlexEnvelope envelope(GroupId group, org.openvpp.time.Horizon horizon) {
    GroupTotals t = totals(group);
    org.openvpp.flex.EnvelopeBlock one = new org.openvpp.flex.EnvelopeBlock(horizon, 1);
    one.setBatteryShape(
        0,
        -t.availableDischarge().kilowatts(),
        t.availableCharge().kilowatts(),
        -t.dischargeable().kilowattHours(),
        t.chargeable().kilowattHours());
    return one.sum(1);
  }

  /** The ordinals of the devices in {@code group} and its descendants. */
  public int[] members(GroupId group) {
    int g = indexOf(group);
    return Arrays.copyOf(members.get(g), memberCount[g]);
  }

  public List<GroupId> groups() {
    return List.copyOf(ids);
  }

  /** The group {@code group} is under; empty for the fleet, the root. */
  public java.util.Optional<GroupId> parent(GroupId group) {
    int p = parents.get(indexOf(group));
    return p < 0 ? java.util.Optional.empty() : java.util.Optional.of(ids.get(p));
  }

  private int indexOf(GroupId group) {
    Integer g = index.get(group);
    if (g == null) {
      throw new IllegalArgumentException("no group " + group + "; known: " + ids);
    }
    return g;
  }
}
