package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.device.DeviceId;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.EventSource;
import org.openvpp.program.OptOut;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Store;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

class ProgramStoresTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyRecordTypeComesBackEqual(Backend backend) {
    ProgramStores s = ProgramStores.in(DATABASES.fresh(backend));
    Instant later = Records.T0.plus(Duration.ofDays(400));
    List<Program> programs = List.of(Records.byo(), Records.leased());
    List<Customer> customers = List.of(Records.customer(1), Records.customer(2));
    List<Site> sites = List.of(Records.site(1), Records.site(2));
    List<Consent> consents =
        List.of(
            Records.consent(1, Optional.empty(), Optional.empty()),
            Records.consent(2, Optional.of(later), Optional.of(Records.T0.plusSeconds(5))),
            Records.meterOnly(3));
    List<Enrolment> enrolments =
        List.of(
            Records.enrolment(1, Optional.empty(), Optional.empty()),
            Records.enrolment(2, Optional.of(Records.T0), Optional.of(later)));
    List<ProgramEvent> events =
        List.of(
            Records.event("ev1", Targeting.wholeProgram(), Optional.empty()),
            Records.event(
                "ev2", Targeting.region("ca-south"), Optional.of(Power.ofKilowatts(12.5))),
            Records.event(
                "ev3",
                new Targeting(Optional.of("ca-north"), Optional.of("f1")),
                Optional.of(Power.ofWatts(-3.25))));
    List<OptOut> optOuts = List.of(Records.optOut("ev1", "s1"), Records.optOut("ev2", "s2"));

    putAll(s.programs(), programs, Program::id);
    putAll(s.customers(), customers, Customer::id);
    putAll(s.sites(), sites, Site::id);
    putAll(s.consents(), consents, Consent::id);
    putAll(s.enrolments(), enrolments, Enrolment::id);
    putAll(s.events(), events, ProgramEvent::id);
    putAll(s.optOuts(), optOuts, o -> o.eventId() + "/" + o.siteId());
    List<SiteDevice> devices = List.of(Records.device(1), Records.device(2));
    putAll(s.devices(), devices, d -> d.id().value());

    assertThat(s.programs().all()).containsExactlyElementsOf(programs);
    assertThat(s.customers().all()).containsExactlyElementsOf(customers);
    assertThat(s.sites().all()).containsExactlyElementsOf(sites);
    assertThat(s.consents().all()).containsExactlyElementsOf(consents);
    assertThat(s.enrolments().all()).containsExactlyElementsOf(enrolments);
    assertThat(s.events().all()).containsExactlyElementsOf(events);
    assertThat(s.optOuts().all()).containsExactlyElementsOf(optOuts);
    assertThat(s.devices().all()).containsExactlyElementsOf(devices);
    assertThat(s.programs().find("leased")).contains(Records.leased());
    assertThat(s.programs().find("byo")).contains(Records.byo());
    assertThat(s.enrolments().find("e2")).contains(enrolments.get(1));
    assertThat(s.optOuts().find("ev2/s2")).contains(optOuts.get(1));
    assertThat(s.sites().find("nobody")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void allIsInTheOrderFirstPutAndPutReplaces(Backend backend) {
    Store<Customer> store = ProgramStores.in(DATABASES.fresh(backend)).customers();
    store.put("z", new Customer("z", "Zed"));
    store.put("a", new Customer("a", "Ay"));
    store.put("m", new Customer("m", "Em"));
    store.put("a", new Customer("a", "Ay, renamed"));

    assertThat(store.all()).extracting(Customer::name).containsExactly("Zed", "Ay, renamed", "Em");
    assertThat(store.find("a")).contains(new Customer("a", "Ay, renamed"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aReplacedRecordsChildrenAreReplacedToo(Backend backend) {
    ProgramStores s = ProgramStores.in(DATABASES.fresh(backend));
    Enrolment first = Records.enrolment(1, Optional.empty(), Optional.empty());
    s.enrolments().put("e1", first);
    s.enrolments().put("e0", Records.enrolment(0, Optional.empty(), Optional.empty()));
    Enrolment fewer =
        new Enrolment(
            "e1",
            "byo",
            "s1",
            first.devices().subList(1, 2),
            "k1",
            first.requestedAt(),
            Optional.of(Records.T0),
            Optional.empty());
    s.enrolments().put("e1", fewer);
    Program narrower =
        new Program(
            "byo",
            "BYO, narrower",
            Records.byo().kind(),
            java.util.Set.of(org.openvpp.device.DeviceKind.BATTERY),
            java.util.Set.of("ca-south"),
            Records.byo().capacityCap(),
            3,
            Records.byo().limits(),
            Records.byo().incentives(),
            Records.byo().optOut(),
            java.util.Set.of());
    s.programs().put("byo", Records.byo());
    s.programs().put("byo", narrower);

    assertThat(s.enrolments().all()).extracting(Enrolment::id).containsExactly("e1", "e0");
    assertThat(s.enrolments().find("e1")).contains(fewer);
    assertThat(s.programs().all()).containsExactly(narrower);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStoreKeepsItsKeyApartFromTheRecordsId(Backend backend) {
    Store<Site> sites = ProgramStores.in(DATABASES.fresh(backend)).sites();
    sites.put("key-1", Records.site(7));

    assertThat(sites.find("key-1")).contains(Records.site(7));
    assertThat(sites.find("s7")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anInstantFinerThanAMicrosecondIsRefusedNotRounded(Backend backend) {
    Store<OptOut> store = ProgramStores.in(DATABASES.fresh(backend)).optOuts();
    OptOut fine = new OptOut("ev1", "s1", Records.T0.plusNanos(1));

    assertThatThrownBy(() -> store.put("ev1/s1", fine))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_EXACT))
        .hasMessageContaining("finer than a microsecond");
    assertThat(store.all()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void textEitherDatabaseCannotKeepIsRefusedOnBoth(Backend backend) {
    Store<Customer> store = ProgramStores.in(DATABASES.fresh(backend)).customers();

    assertThatThrownBy(() -> store.put("c1", new Customer("c1", "Ann\u0000Lee")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("NUL character");
    assertThatThrownBy(() -> store.put("c2", new Customer("c2", "half \uD83D")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("unpaired surrogate");
    store.put("c3", new Customer("c3", "Zoë 😀 ∑"));
    assertThat(store.all()).containsExactly(new Customer("c3", "Zoë 😀 ∑"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theRegisterAndEventBookCarryOnAfterARestart(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    ProgramStores s = ProgramStores.in(handle.db());
    Enrolments register = s.register();
    register.putProgram(Records.byo(Power.ofKilowatts(25), 2));
    for (int i = 1; i <= 3; i++) {
      register.addCustomer(Records.customer(i));
      register.addSite(Records.site(i));
      register.recordConsent(Records.consent(i, Optional.empty(), Optional.empty()));
    }
    Instant at = Records.T0.plusSeconds(60);
    register.enrol("e1", "byo", "s1", Records.devices("d1"), "k1", at);
    register.enrol("e2", "byo", "s2", Records.devices("d2"), "k2", at);
    register.enrol("e3", "byo", "s3", Records.devices("d3"), "k3", at); // over the cap: waits
    EventBook book = s.eventBook(register);
    Interval window =
        new Interval(
            Records.T0.plus(Duration.ofDays(10)),
            Records.T0.plus(Duration.ofDays(10).plusHours(2)));
    book.create(
        "ev1",
        "byo",
        EventSource.OPERATOR,
        window,
        Targeting.wholeProgram(),
        Optional.empty(),
        Records.T0.plus(Duration.ofDays(9)));
    book.optOut("ev1", "s2", Records.T0.plus(Duration.ofDays(9).plusHours(1)));
    List<Enrolment> enrolledBefore = register.enrolled("byo");
    List<Enrolment> waitingBefore = register.waitingList("byo");

    Database reopened = handle.reopen();
    assertThat(reopened.migrationsApplied()).isZero();
    ProgramStores again = ProgramStores.in(reopened);
    Enrolments register2 = again.register();
    EventBook book2 = again.eventBook(register2);

    assertThat(register2.enrolled("byo")).isEqualTo(enrolledBefore).hasSize(2);
    assertThat(register2.waitingList("byo")).isEqualTo(waitingBefore).hasSize(1);
    assertThat(book2.event("ev1").window()).isEqualTo(window);
    assertThat(book2.optOutOf("ev1", "s2")).isPresent();
    assertThat(
            book2.dispatchable("ev1", window.start().plusSeconds(60)).stream()
                .map(d -> d.id())
                .toList())
        .containsExactlyInAnyOrder(DeviceId.of("d1-a"), DeviceId.of("d1-b"));
    // The withdrawal of a restarted register serves its waiting list as before.
    register2.withdraw("e1", Records.T0.plus(Duration.ofDays(11)));
    assertThat(again.register().enrolled("byo"))
        .extracting(Enrolment::id)
        .containsExactly("e2", "e3");
  }

  private static <T> void putAll(
      Store<T> store, List<T> values, java.util.function.Function<T, String> key) {
    for (T v : values) {
      store.put(key.apply(v), v);
    }
  }
}
