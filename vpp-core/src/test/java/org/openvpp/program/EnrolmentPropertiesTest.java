package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.units.Power;

/**
 * Random enrolments and withdrawals: the caps always hold, the register's indexes give what the
 * stored records say, and a register rebuilt over the same stores answers the same.
 */
class EnrolmentPropertiesTest {

  @Property(tries = 100)
  void capsHoldAndTheIndexesAgreeWithTheRecords(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int steps) {
    Random r = new Random(seed);
    Store<Program> programs = Store.inMemory();
    Store<Customer> customers = Store.inMemory();
    Store<Site> sites = Store.inMemory();
    Store<Consent> consents = Store.inMemory();
    Store<Enrolment> enrolments = Store.inMemory();
    Enrolments reg = new Enrolments(programs, customers, sites, consents, enrolments);
    reg.putProgram(Fixtures.byo(Power.ofKilowatts(20), 4));
    reg.putProgram(Fixtures.leased());
    int n = 12;
    for (int i = 1; i <= n; i++) {
      reg.addCustomer(new Customer("c" + i, "C" + i));
      reg.addSite(new Site("s" + i, "c" + i, "m" + i, "f1", "ca-south"));
      reg.recordConsent(Fixtures.consent("k" + i, "s" + i, java.util.Optional.empty()));
    }
    List<String> ids = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      var at = T0.plusSeconds(step);
      if (!ids.isEmpty() && r.nextInt(3) == 0) {
        String id = ids.get(r.nextInt(ids.size()));
        if (reg.enrolment(id).isActive()) {
          reg.withdraw(id, at);
        }
        continue;
      }
      int site = 1 + r.nextInt(n);
      String program = r.nextBoolean() ? "byo" : "leased";
      String id = "e" + step;
      try {
        reg.enrol(
            id,
            program,
            "s" + site,
            battery("b" + r.nextInt(15), 1 + r.nextInt(8)),
            "k" + site,
            at);
        ids.add(id);
      } catch (ProgramException e) {
        // NOT_ELIGIBLE: the battery is linked to the site it was first enrolled at
        assertThat(e.reason())
            .isIn(
                ProgramException.Reason.DUPLICATE,
                ProgramException.Reason.CONFLICTING_ENROLMENT,
                ProgramException.Reason.NOT_ELIGIBLE);
      }
    }
    for (Enrolments register :
        List.of(reg, new Enrolments(programs, customers, sites, consents, enrolments))) {
      for (Program p : register.programs()) {
        double watts = 0;
        int count = 0;
        List<Enrolment> waiting = new ArrayList<>();
        for (Enrolment e : enrolments.all()) {
          if (!e.programId().equals(p.id())) {
            continue;
          }
          if (e.status() == Enrolment.Status.ENROLLED) {
            watts += e.capacity().watts();
            count++;
          } else if (e.status() == Enrolment.Status.WAITING) {
            waiting.add(e);
          }
        }
        waiting.sort(Comparator.comparing(Enrolment::requestedAt));
        assertThat(count).isLessThanOrEqualTo(p.enrolmentCap());
        assertThat(watts).isLessThanOrEqualTo(p.capacityCap().watts() + 1e-6);
        assertThat(register.enrolledCapacity(p.id()).watts()).isEqualTo(watts, within());
        assertThat(register.enrolled(p.id())).hasSize(count);
        assertThat(register.waitingList(p.id())).isEqualTo(waiting);
      }
      // a device and a site are active in at most one (non-conflicting) enrolment each
      List<Enrolment> active = enrolments.all().stream().filter(Enrolment::isActive).toList();
      assertThat(active.stream().flatMap(e -> e.devices().stream()).map(EnrolledDevice::id))
          .doesNotHaveDuplicates();
      assertThat(active.stream().map(Enrolment::siteId)).doesNotHaveDuplicates();
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
