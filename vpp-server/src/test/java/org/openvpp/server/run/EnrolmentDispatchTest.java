package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.program.Consent;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.ProgramEvent;
import org.openvpp.settle.Account;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.TwinStore;

/**
 * Enrolment drives dispatch: the batteries the run commands in its event are the ones the event
 * book allows (consent in force, not opted out, within the program's capacity cap), and only they
 * are paid. Winter morning, 20 homes, 10 hours: the event runs 06:00-09:00, noticed at 01:00.
 */
class EnrolmentDispatchTest {
  private static final Scenario WINTER =
      ScenarioFile.load("winter-morning-ca").withHomes(20).withHours(10);

  /** Every command sent, as the link saw it. */
  private static final class Recording implements FleetLink.Opener {
    final List<Command> sent = new ArrayList<>();

    @Override
    public String idPrefix() {
      return DirectLink.OPENER.idPrefix();
    }

    @Override
    public FleetLink open(SimFleet fleet, TwinStore twins, Clock clock) {
      FleetLink inner = DirectLink.OPENER.open(fleet, twins, clock);
      return new FleetLink() {
        @Override
        public void connect(Instant at, Duration step, IntConsumer placed) {
          inner.connect(at, step, placed);
        }

        @Override
        public void send(Command command) {
          sent.add(command);
          inner.send(command);
        }

        @Override
        public void step(Instant now, Duration dt) {
          inner.step(now, dt);
        }

        @Override
        public long accepted() {
          return inner.accepted();
        }

        @Override
        public long rejected() {
          return inner.rejected();
        }

        @Override
        public String summary() {
          return inner.summary();
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }

    /** Devices sent a discharge command during the event. */
    Set<DeviceId> dischargedIn(RunReport r) {
      Set<DeviceId> out = new HashSet<>();
      for (Command c : sent) {
        if (r.event().window().contains(c.issued()) && c.setpoint().watts() < 0) {
          out.add(c.device());
        }
      }
      return out;
    }

    /** The batteries commanded (thermostats and chargers are in programs of their own). */
    Set<DeviceId> commanded() {
      Set<DeviceId> batteries = new HashSet<>();
      for (var d : FLEET.devices()) {
        if (d instanceof Battery) {
          batteries.add(d.id());
        }
      }
      Set<DeviceId> out = new HashSet<>();
      for (Command c : sent) {
        if (batteries.contains(c.device())) {
          out.add(c.device());
        }
      }
      return out;
    }
  }

  private static RunReport run(RunEnrolment.Terms terms, Recording link) {
    return new FleetRun(WINTER, FleetRunTest.DATA, link, FleetRun.Objective.PEAK_EVENT, terms)
        .run(SimulationClock.stepped(WINTER.start().toInstant(), WINTER.zone()), x -> {}, e -> {});
  }

  private static final SimFleet FLEET = SimFleet.build(WINTER, FleetRunTest.DATA, "");

  /** The id of home {@code home}'s battery, as the fleet names it. */
  private static DeviceId battery(int home) {
    for (int g = 0; g < FLEET.devices().size(); g++) {
      if (FLEET.devices().get(g) instanceof Battery b && FLEET.homeOf(g) == home) {
        return b.id();
      }
    }
    throw new AssertionError("home " + home + " has no battery");
  }

  private static int home(DeviceId id) {
    for (int g = 0; g < FLEET.devices().size(); g++) {
      if (FLEET.devices().get(g).id().equals(id)) {
        return FLEET.homeOf(g);
      }
    }
    throw new AssertionError("no device " + id);
  }

  @Test
  void aRevokedConsentOrAnOptOutGetsNoDischargeInTheEventAndNoPay() {
    Recording all = new Recording();
    RunReport everyone = run(RunEnrolment.Terms.everyone(), all);
    List<Integer> served = new ArrayList<>();
    for (DeviceId d : all.dischargedIn(everyone)) {
      served.add(home(d));
    }
    served.sort(Integer::compareTo);
    assertThat(served).hasSizeGreaterThan(10);
    int revoked = served.get(0);
    int optedOut = served.get(1);
    assertThat(all.dischargedIn(everyone)).contains(battery(revoked), battery(optedOut));
    assertThat(everyone.settlement().ledger().balance(Account.participant("customer-" + revoked)))
        .matches(m -> m.signum() < 0, "paid when enrolled throughout");

    // The same day, but one customer revokes consent at 03:00 (after the notice, before the
    // event) and another opts out of the event at the notice.
    Instant three = WINTER.start().toInstant().plus(Duration.ofHours(3));
    Recording link = new Recording();
    RunReport r =
        run(
            RunEnrolment.Terms.everyone().withRevocation(revoked, three).withOptOut(optedOut),
            link);
    Set<DeviceId> discharged = link.dischargedIn(r);
    assertThat(discharged).doesNotContain(battery(revoked), battery(optedOut));
    assertThat(discharged).hasSizeGreaterThan(10);
    // after the revocation nothing but its release: zero setpoints, no top-up either
    assertThat(link.sent)
        .filteredOn(c -> c.device().equals(battery(revoked)) && c.issued().isAfter(three))
        .allMatch(c -> c.setpoint().watts() == 0);
    RunSettlement.Result s = r.settlement();
    assertThat(s.ledger().balance(Account.participant("customer-" + revoked)).isZero()).isTrue();
    assertThat(s.ledger().balance(Account.participant("customer-" + optedOut)).isZero()).isTrue();
    // the revoked site's meter may not be read: not measured; the opted-out one is, unpaid
    assertThat(s.unmeasured()).isEqualTo(1);
    assertThat(s.statements()).noneMatch(st -> st.customerId().equals("customer-" + revoked));
    assertThat(s.statements())
        .filteredOn(st -> st.customerId().equals("customer-" + optedOut))
        .singleElement()
        .satisfies(st -> assertThat(st.lines()).isEmpty());
    RunEnrolment.Summary e = s.enrolment();
    assertThat(e.enrolled()).isEqualTo(20);
    assertThat(e.lapsed()).isEqualTo(1);
    assertThat(e.optedOut()).isEqualTo(1);
    assertThat(e.dispatchableAtStart()).isEqualTo(18);
    assertThat(e.dispatched()).isEqualTo(discharged.size());
  }

  @Test
  void aConsentRevokedDuringTheEventStopsTheDischargeFromThatMinute() {
    Recording all = new Recording();
    RunReport everyone = run(RunEnrolment.Terms.everyone(), all);
    Instant mid = everyone.event().window().start().plus(Duration.ofMinutes(90));
    // a battery discharged both before and after 07:30 when nobody revokes
    Set<Integer> before = new HashSet<>();
    int home = -1;
    for (Command c : all.sent) {
      if (c.setpoint().watts() < 0 && everyone.event().window().contains(c.issued())) {
        if (c.issued().isBefore(mid)) {
          before.add(home(c.device()));
        } else if (before.contains(home(c.device()))) {
          home = home(c.device());
          break;
        }
      }
    }
    assertThat(home).isNotNegative();
    Recording link = new Recording();
    RunReport r = run(RunEnrolment.Terms.everyone().withRevocation(home, mid), link);
    DeviceId battery = battery(home);
    // discharged in the event until the revocation, as without it, and never after
    assertThat(link.sent)
        .filteredOn(
            c ->
                c.device().equals(battery)
                    && c.setpoint().watts() < 0
                    && r.event().window().contains(c.issued()))
        .isNotEmpty()
        .allMatch(c -> c.issued().isBefore(mid));
    // released at once: a command that does not discharge, sent at the revocation
    assertThat(link.sent)
        .filteredOn(c -> c.device().equals(battery) && !c.issued().isBefore(mid))
        .first()
        .satisfies(
            c -> {
              assertThat(c.issued()).isEqualTo(mid);
              // a release is zero (possibly -0.0) or a top-up; never a discharge
              assertThat(c.setpoint().watts() < 0).isFalse();
            });
    // and, its meter-data consent gone before the end, neither measured nor paid
    assertThat(r.settlement().unmeasured()).isEqualTo(1);
    assertThat(r.settlement().ledger().balance(Account.participant("customer-" + home)).isZero())
        .isTrue();
    assertThat(r.settlement().enrolment().dispatchableAtStart()).isEqualTo(20);
  }

  @Test
  void theCapacityCapLimitsTheBatteriesDispatched() {
    Recording link = new Recording();
    RunReport r = run(RunEnrolment.Terms.everyone().withCapacityShare(0.5), link);
    RunEnrolment.Summary e = r.settlement().enrolment();
    assertThat(e.waiting()).isPositive();
    assertThat(e.enrolled() + e.waiting()).isEqualTo(20);
    // the batteries discharged in the event fit under the cap, and the waiting ones never move
    double kw = 0;
    Set<DeviceId> discharged = link.dischargedIn(r);
    for (var d : FLEET.devices()) {
      if (d instanceof Battery b && discharged.contains(b.id())) {
        kw += b.maxDischarge().kilowatts();
      }
    }
    assertThat(discharged).isNotEmpty().hasSizeLessThanOrEqualTo(e.enrolled());
    assertThat(kw).isLessThanOrEqualTo(e.capacityCap().kilowatts() + 1e-9);
    assertThat(link.commanded()).hasSizeLessThanOrEqualTo(e.enrolled());
    assertThat(r.settlement().participants()).isEqualTo(e.enrolled());
  }

  @Test
  void everyDischargeInTheEventIsOneTheEventBookAllowedThen() {
    // Many customers changing their minds, to see every rule at work in one run.
    Scenario s = WINTER.withHomes(40);
    Recording link = new Recording();
    RunReport r =
        new FleetRun(
                s,
                FleetRunTest.DATA,
                link,
                FleetRun.Objective.ARBITRAGE_AND_EVENT,
                new RunEnrolment.Terms(0.8, 0.1, 0.25, 0.2, 11, Map.of(), Set.of()))
            .run(SimulationClock.stepped(s.start().toInstant(), s.zone()), x -> {}, e -> {});
    RunSettlement.Result result = r.settlement();
    RunEnrolment.Summary e = result.enrolment();
    assertThat(e.refused()).isPositive();
    assertThat(e.waiting()).isPositive();
    assertThat(e.lapsed()).isPositive();
    assertThat(e.optedOut()).isPositive();
    Enrolments register = result.register();
    EventBook book = result.book();
    String event = r.event().id();
    Map<DeviceId, Enrolment> enrolmentOf = new HashMap<>();
    for (Enrolment en : register.enrolled(RunEnrolment.PROGRAM_ID)) {
      for (EnrolledDevice d : en.devices()) {
        enrolmentOf.put(d.id(), en);
      }
    }
    int checked = 0;
    for (Command c : link.sent) {
      Instant t = c.issued();
      if (!r.event().window().contains(t) || !(c.setpoint().watts() < 0)) {
        continue;
      }
      Enrolment en = enrolmentOf.get(c.device());
      if (en == null) {
        throw new AssertionError(c.device() + " was discharged but is not enrolled");
      }
      assertThat(en.isEnrolledAt(t)).isTrue();
      assertThat(book.participants(event)).contains(en.siteId());
      assertThat(register.consent(en.consentId()).allows(Consent.Scope.CONTROL, t))
          .as("consent of %s at %s", en.siteId(), t)
          .isTrue();
      assertThat(book.optOutOf(event, en.siteId()).filter(o -> !t.isBefore(o.at()))).isEmpty();
      checked++;
    }
    assertThat(checked).isPositive();
    assertThat(e.dispatched()).isPositive().isLessThanOrEqualTo(e.dispatchableAtStart());
  }

  @Test
  void theEventsLifecycleFollowsTheRun() {
    RunReport r = run(RunEnrolment.Terms.everyone(), new Recording());
    List<ProgramEvent> states = r.settlement().enrolment().lifecycle();
    assertThat(states)
        .extracting(ProgramEvent::state)
        .containsExactly(
            ProgramEvent.State.SCHEDULED, ProgramEvent.State.ACTIVE, ProgramEvent.State.COMPLETED);
    assertThat(states)
        .extracting(ProgramEvent::stateSince)
        .containsExactly(
            r.event().received(), r.event().window().start(), r.event().window().end());
    assertThat(r.settlement().enrolment().notices()).isEqualTo(20);
  }
}
