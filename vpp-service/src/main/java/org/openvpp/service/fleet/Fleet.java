package org.openvpp.service.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.DispatchableDevice;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.service.register.Register;
import org.openvpp.twin.TwinStore;

/**
 * The fleet as the service knows it: a twin for every device that registered by its birth, and
 * where each belongs by the register.
 *
 * <p><b>Placement.</b> Batteries sit in the aggregation tree under {@code fleet ▸ program ▸
 * program/region ▸ program/region/feeder} by the program they are enrolled in and their site's
 * region and feeder; a battery enrolled nowhere (or not yet linked to a site) sits in {@code fleet
 * ▸ unenrolled}. Devices of every kind are listed by the program they are enrolled in ({@link
 * #members}), the groups the dispatchers work on. As enrolments change the devices move.
 *
 * <p><b>Who may be commanded.</b> A device is marked opted out in its twin (so the tree counts no
 * flexibility of it and no dispatcher commands it) unless the VPP may command it now: while an
 * event of its program is announced and not over (from its notice to its end), the devices the
 * event book allows at the event's start or now, whichever is later ({@link
 * org.openvpp.program.EventBook#dispatchable}: enrolled, consent to control in force, not opted out
 * of it, within the program's cap); otherwise the devices enrolled now whose consent allows
 * control.
 *
 * <p>{@link #refresh} does both, under the register's lock, when the register changed, at every
 * interval boundary, and when a device registered. Threads: the control loop's only (the twins are
 * single-threaded).
 */
public final class Fleet {
  /** Where batteries enrolled in no program sit. */
  public static final GroupId UNENROLLED = GroupId.of("unenrolled");

  private final TwinStore twins;
  private final AggregationTree tree;
  private Map<String, int[]> members = Map.of();
  private Map<String, String> programOfDevice = Map.of();
  private Map<String, String> siteOfDevice = Map.of();
  private int placedUpTo;

  public Fleet(Duration staleAfter) {
    this.twins = new TwinStore(staleAfter);
    this.tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    tree.addGroup(UNENROLLED, GroupId.FLEET);
  }

  public TwinStore twins() {
    return twins;
  }

  public AggregationTree tree() {
    return tree;
  }

  /** Whether devices registered since the last refresh wait to be placed. */
  public boolean hasNewDevices() {
    return placedUpTo < twins.size();
  }

  /** The ordinals of the devices enrolled in {@code programId} now, of every kind. */
  public int[] members(String programId) {
    return members.getOrDefault(programId, new int[0]);
  }

  /** The programs that have members, in the order found. */
  public List<String> programs() {
    return List.copyOf(members.keySet());
  }

  /** The program a device is enrolled in now, if any. */
  public Optional<String> programOf(DeviceId id) {
    return Optional.ofNullable(programOfDevice.get(id.value()));
  }

  /** The site a device is linked to, if any. */
  public Optional<String> siteOf(DeviceId id) {
    return Optional.ofNullable(siteOfDevice.get(id.value()));
  }

  /** Places every device by the register and marks those the VPP may not command at {@code now}. */
  public void refresh(Register.Books b, Instant now) {
    Map<String, String> program = new HashMap<>();
    Map<String, String> site = new HashMap<>();
    for (Enrolment e : b.register().enrolments()) {
      if (e.isEnrolledAt(now)) {
        for (EnrolledDevice d : e.devices()) {
          program.put(d.id().value(), e.programId());
        }
      }
    }
    for (var d : b.register().devices()) {
      site.put(d.id().value(), d.siteId());
    }
    Map<String, List<Integer>> byProgram = new LinkedHashMap<>();
    for (int d = 0; d < twins.size(); d++) {
      DeviceId id = twins.device(d).id();
      String p = program.get(id.value());
      if (p != null) {
        byProgram.computeIfAbsent(p, k -> new ArrayList<>()).add(d);
      }
      if (twins.device(d).kind() == DeviceKind.BATTERY) {
        tree.move(d, groupOf(b, p, site.get(id.value())));
      }
    }
    Map<String, int[]> m = new LinkedHashMap<>();
    byProgram.forEach((k, v) -> m.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    members = m;
    programOfDevice = program;
    siteOfDevice = site;
    placedUpTo = twins.size();
    mark(b, now, program);
  }

  private GroupId groupOf(Register.Books b, @Nullable String program, @Nullable String siteId) {
    if (program == null || siteId == null) {
      return UNENROLLED;
    }
    Site s = b.register().site(siteId);
    GroupId p = ensure(GroupId.of(program), GroupId.FLEET);
    GroupId r = ensure(GroupId.of(program + "/" + s.region()), p);
    return ensure(GroupId.of(program + "/" + s.region() + "/" + s.feeder()), r);
  }

  private GroupId ensure(GroupId g, GroupId parent) {
    if (!tree.hasGroup(g)) {
      tree.addGroup(g, parent);
    }
    return g;
  }

  private void mark(Register.Books b, Instant now, Map<String, String> program) {
    Set<String> allowed = new HashSet<>();
    Map<String, ProgramEvent> live = new HashMap<>();
    for (ProgramEvent e : b.book().events()) {
      boolean open =
          (e.state() == ProgramEvent.State.SCHEDULED || e.state() == ProgramEvent.State.ACTIVE)
              && now.isBefore(e.window().end());
      if (open) {
        live.merge(
            e.programId(), e, (x, y) -> x.window().start().isBefore(y.window().start()) ? x : y);
      }
    }
    for (String p : new HashSet<>(program.values())) {
      ProgramEvent e = live.get(p);
      if (e != null) {
        Instant ask = now.isBefore(e.window().start()) ? e.window().start() : now;
        for (DispatchableDevice d : b.book().dispatchable(e.id(), ask)) {
          allowed.add(d.id().value());
        }
      } else {
        for (Enrolment en : b.register().enrolledAt(p, now)) {
          if (b.register().consent(en.consentId()).allows(Consent.Scope.CONTROL, now)) {
            for (EnrolledDevice d : en.devices()) {
              allowed.add(d.id().value());
            }
          }
        }
      }
    }
    for (int d = 0; d < twins.size(); d++) {
      twins.setOptedOut(d, !allowed.contains(twins.device(d).id().value()));
    }
  }
}
