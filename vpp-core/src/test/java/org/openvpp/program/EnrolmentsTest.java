package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.units.Power;

class EnrolmentsTest {

  private static ProgramException.Reason refusal(Runnable r) {
    try {
      r.run();
    } catch (ProgramException e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aSiteWithConsentAndRoomIsEnrolledAtOnce() {
    Enrolments r = Fixtures.register(1, Fixtures.byo());
    Enrolment e = r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    assertThat(e.status()).isEqualTo(Enrolment.Status.ENROLLED);
    assertThat(e.isEnrolledAt(T0)).isTrue();
    assertThat(e.isEnrolledAt(T0.minusSeconds(1))).isFalse();
    assertThat(r.enrolledCapacity("byo")).isEqualTo(Power.ofKilowatts(5));
  }

  @Test
  void requestsThatBreakARuleAreRefusedWithTheirReason() {
    Enrolments r = Fixtures.register(4, Fixtures.byo(), Fixtures.leased());
    r.addCustomer(new Customer("cx", "Elsewhere"));
    r.addSite(new Site("sx", "cx", "mx", "f9", "nevada"));
    r.recordConsent(Fixtures.consent("kx", "sx", Optional.empty()));
    r.recordConsent(
        new Consent(
            "k-data-only",
            "s2",
            "owner",
            T0.minusSeconds(60),
            Set.of(Consent.Scope.METER_DATA),
            Optional.empty(),
            Optional.empty()));
    r.recordConsent(Fixtures.consent("k-expired", "s2", Optional.of(T0.minusSeconds(1))));
    r.revokeConsent("k3", T0.minusSeconds(1));
    r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    var thermostat =
        List.of(new EnrolledDevice(DeviceId.of("t1"), DeviceKind.THERMOSTAT, Power.ofKilowatts(1)));

    record Case(String what, Runnable request, ProgramException.Reason reason) {}
    List<Case> cases =
        List.of(
            new Case(
                "unknown program",
                () -> r.enrol("x", "nope", "s2", battery("b2", 1), "k2", T0),
                ProgramException.Reason.UNKNOWN),
            new Case(
                "consent of another site",
                () -> r.enrol("x", "byo", "s2", battery("b2", 1), "k4", T0),
                ProgramException.Reason.NO_CONSENT),
            new Case(
                "consent without control",
                () -> r.enrol("x", "byo", "s2", battery("b2", 1), "k-data-only", T0),
                ProgramException.Reason.NO_CONSENT),
            new Case(
                "expired consent",
                () -> r.enrol("x", "byo", "s2", battery("b2", 1), "k-expired", T0),
                ProgramException.Reason.NO_CONSENT),
            new Case(
                "revoked consent",
                () -> r.enrol("x", "byo", "s3", battery("b3", 1), "k3", T0),
                ProgramException.Reason.NO_CONSENT),
            new Case(
                "region not eligible",
                () -> r.enrol("x", "byo", "sx", battery("bx", 1), "kx", T0),
                ProgramException.Reason.NOT_ELIGIBLE),
            new Case(
                "device kind not eligible",
                () -> r.enrol("x", "byo", "s2", thermostat, "k2", T0),
                ProgramException.Reason.NOT_ELIGIBLE),
            new Case(
                "same site twice in a program",
                () -> r.enrol("x", "byo", "s1", battery("b9", 1), "k1", T0),
                ProgramException.Reason.DUPLICATE),
            new Case(
                "site in a conflicting program",
                () -> r.enrol("x", "leased", "s1", battery("b9", 1), "k1", T0),
                ProgramException.Reason.CONFLICTING_ENROLMENT),
            new Case(
                "device already in a program",
                () -> r.enrol("x", "byo", "s4", battery("b1", 1), "k4", T0),
                ProgramException.Reason.CONFLICTING_ENROLMENT),
            new Case(
                "enrolment id taken",
                () -> r.enrol("e1", "byo", "s4", battery("b4", 1), "k4", T0),
                ProgramException.Reason.DUPLICATE));
    for (Case c : cases) {
      assertThat(refusal(c.request())).as(c.what()).isEqualTo(c.reason());
    }
    assertThat(r.enrolled("byo")).hasSize(1);
  }

  @Test
  void theRefusalSaysWhatWasWrongAndWhatToDo() {
    Enrolments r = Fixtures.register(1, Fixtures.byo(), Fixtures.leased());
    r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    assertThatThrownBy(() -> r.enrol("e2", "leased", "s1", battery("b2", 5), "k1", T0))
        .hasMessage("site s1 is ENROLLED in byo, which conflicts with leased; withdraw e1 first");
  }

  @Test
  void beyondEitherCapRequestsWaitAndAreServedFirstComeFirstServed() {
    // cap 20 kW and 3 sites
    Enrolments r = Fixtures.register(6, Fixtures.byo());
    Instant t = T0;
    assertThat(r.enrol("e1", "byo", "s1", battery("b1", 8), "k1", t).status())
        .isEqualTo(Enrolment.Status.ENROLLED);
    assertThat(r.enrol("e2", "byo", "s2", battery("b2", 8), "k2", t.plusSeconds(1)).status())
        .isEqualTo(Enrolment.Status.ENROLLED);
    // 16 + 5 > 20 kW: waits
    assertThat(r.enrol("e3", "byo", "s3", battery("b3", 5), "k3", t.plusSeconds(2)).status())
        .isEqualTo(Enrolment.Status.WAITING);
    // 16 + 2 fits, but someone waits: no overtaking
    assertThat(r.enrol("e4", "byo", "s4", battery("b4", 2), "k4", t.plusSeconds(3)).status())
        .isEqualTo(Enrolment.Status.WAITING);
    assertThat(r.waitingList("byo")).extracting(Enrolment::id).containsExactly("e3", "e4");

    // e1 leaves: 8 kW in; e3 (5) and e4 (2) both fit, 3 sites
    List<Enrolment> promoted = r.withdraw("e1", t.plusSeconds(10));
    assertThat(promoted).extracting(Enrolment::id).containsExactly("e3", "e4");
    assertThat(r.enrolledCapacity("byo")).isEqualTo(Power.ofKilowatts(15));
    // three sites enrolled: the site cap makes the next one wait although 1 kW would fit
    assertThat(r.enrol("e5", "byo", "s5", battery("b5", 1), "k5", t.plusSeconds(11)).status())
        .isEqualTo(Enrolment.Status.WAITING);
  }

  @Test
  void aWaitingRequestWhoseConsentLapsedIsWithdrawnWhenItsTurnComes() {
    Enrolments r = Fixtures.register(3, Fixtures.byo(Power.ofKilowatts(10), 3));
    r.recordConsent(Fixtures.consent("k2-short", "s2", Optional.of(T0.plus(Duration.ofDays(1)))));
    r.enrol("e1", "byo", "s1", battery("b1", 10), "k1", T0);
    r.enrol("e2", "byo", "s2", battery("b2", 5), "k2-short", T0.plusSeconds(1));
    r.enrol("e3", "byo", "s3", battery("b3", 5), "k3", T0.plusSeconds(2));
    List<Enrolment> promoted = r.withdraw("e1", T0.plus(Duration.ofDays(2)));
    assertThat(promoted).extracting(Enrolment::id).containsExactly("e3");
    assertThat(r.enrolment("e2").status()).isEqualTo(Enrolment.Status.WITHDRAWN);
  }

  @Test
  void withdrawingTwiceIsRefused() {
    Enrolments r = Fixtures.register(1, Fixtures.byo());
    r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    r.withdraw("e1", T0.plusSeconds(5));
    assertThat(refusal(() -> r.withdraw("e1", T0.plusSeconds(6))))
        .isEqualTo(ProgramException.Reason.DUPLICATE);
    assertThat(r.enrolment("e1").isEnrolledAt(T0.plusSeconds(4))).isTrue();
    assertThat(r.enrolment("e1").isEnrolledAt(T0.plusSeconds(5))).isFalse();
  }

  @Test
  void consentAllowsOnlyItsScopesBetweenGrantAndExpiryOrRevocation() {
    Consent c = Fixtures.consent("k", "s", Optional.of(T0.plusSeconds(100)));
    assertThat(c.allows(Consent.Scope.CONTROL, T0)).isTrue();
    assertThat(c.allows(Consent.Scope.CONTROL, T0.plusSeconds(100))).isFalse();
    assertThat(c.allows(Consent.Scope.CONTROL, c.grantedAt().minusSeconds(1))).isFalse();
    Consent revoked = c.revoked(T0.plusSeconds(50));
    assertThat(revoked.allows(Consent.Scope.METER_DATA, T0.plusSeconds(49))).isTrue();
    assertThat(revoked.allows(Consent.Scope.METER_DATA, T0.plusSeconds(50))).isFalse();
    assertThatThrownBy(() -> revoked.revoked(T0.plusSeconds(60)))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("already revoked");
  }
}
