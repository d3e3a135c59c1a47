package org.openvpp.service.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramException;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Store;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.units.Power;

/**
 * The register that lasts: programs, customers, sites, the devices linked to them, consents and
 * enrolments, with the event books that draw on them, kept in the stores it is given (the
 * platform's database, written through) across days and restarts.
 *
 * <p>Every change is stamped with the service's clock and checked by the core's rules ({@link
 * Enrolments}, {@link EventBook}); a refusal is a {@link ProgramException} with its reason. Ids the
 * caller does not give are drawn in sequence ({@code customer-000001}), so a simulated world that
 * signs the same customers up in the same order gets the same ids.
 *
 * <p>Threads: the core's register and books are single-threaded, so every use goes through one
 * lock: the API's threads change the register at once (an answer is the outcome, not a promise),
 * and the control loop reads it under the same lock ({@link #locked}) when {@link #version} says it
 * changed.
 */
public final class Register {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** The core register and the event book, as parts of the service use them under the lock. */
  public record Books(Enrolments register, EventBook book, Instant now) {}

  private final Object lock = new Object();
  private final RegisterStores stores;
  private final ServiceClock clock;
  private final Enrolments enrolments;
  private final EventBook book;
  private final Map<String, String> siteOfMeter = new HashMap<>();
  private final Map<String, Integer> nextNumber = new HashMap<>();
  private final UnitOfWork unit;
  private volatile long version;

  /**
   * Runs work that writes several records as one unit in the database (all or nothing), such as
   * {@code Database::atomically}; in memory, just runs it.
   */
  @FunctionalInterface
  public interface UnitOfWork {
    void run(Runnable work);

    UnitOfWork DIRECT = Runnable::run;
  }

  public Register(RegisterStores stores, ServiceClock clock) {
    this(stores, clock, UnitOfWork.DIRECT);
  }

  /** A register whose multi-record changes (an import) run as one {@code unit}. */
  public Register(RegisterStores stores, ServiceClock clock, UnitOfWork unit) {
    this.unit = unit;
    this.stores = stores;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.enrolments =
        new Enrolments(
            stores.programs(),
            stores.customers(),
            stores.sites(),
            stores.consents(),
            stores.enrolments(),
            stores.devices());
    this.book = new EventBook(enrolments, stores.events(), stores.optOuts());
    for (Site s : stores.sites().all()) {
      siteOfMeter.put(s.meterId(), s.id());
    }
  }

  /**
   * Runs {@code work} on the core register and event book under the lock, at the service's present;
   * the register's version moves when {@code changes} says the work may change them.
   */
  public <R> R locked(boolean changes, Function<Books, R> work) {
    synchronized (lock) {
      R r = work.apply(new Books(enrolments, book, clock.instant()));
      if (changes) {
        version++;
      }
      return r;
    }
  }

  /** Moves whenever the register or the books may have changed; the control loop compares it. */
  public long version() {
    return version;
  }

  /** The service's present, as the register stamps its records. */
  public Instant now() {
    return clock.instant();
  }

  // ---- programs ----

  /** Adds a program, or replaces one with new rules (caps then apply to new requests). */
  public Program putProgram(Program p) {
    requireId("program", p.id());
    return locked(
        true,
        b -> {
          b.register().putProgram(p);
          return p;
        });
  }

  public List<Program> programs() {
    return locked(false, b -> List.copyOf(b.register().programs()));
  }

  public Optional<Program> program(String id) {
    return locked(false, b -> stores.programs().find(id));
  }

  // ---- customers and sites ----

  /** Adds a customer; {@code id} is drawn when not given. */
  public Customer addCustomer(Optional<String> id, String name) {
    requireText("name", name);
    return locked(
        true,
        b -> {
          String cid = id.orElseGet(() -> draw("customer", stores.customers()));
          requireId("customer", cid);
          Customer c = new Customer(cid, name);
          b.register().addCustomer(c);
          return c;
        });
  }

  /**
   * Adds a site of a known customer; {@code id} is drawn when not given. A meter belongs to one
   * site.
   */
  public Site addSite(
      Optional<String> id, String customerId, String meterId, String region, String feeder) {
    requireId("meter", meterId);
    requireText("region", region);
    requireText("feeder", feeder);
    return locked(
        true,
        b -> {
          String other = siteOfMeter.get(meterId);
          if (other != null) {
            throw new ProgramException(
                ProgramException.Reason.DUPLICATE,
                "meter " + meterId + " is site " + other + "'s; a meter belongs to one site");
          }
          String sid = id.orElseGet(() -> draw("site", stores.sites()));
          requireId("site", sid);
          Site s = new Site(sid, customerId, meterId, feeder, region);
          b.register().addSite(s);
          siteOfMeter.put(meterId, sid);
          return s;
        });
  }

  public Optional<Customer> customer(String id) {
    return locked(false, b -> stores.customers().find(id));
  }

  public List<Customer> customers() {
    return locked(false, b -> stores.customers().all());
  }

  public Optional<Site> site(String id) {
    return locked(false, b -> stores.sites().find(id));
  }

  public List<Site> sites() {
    return locked(false, b -> stores.sites().all());
  }

  /** The site whose meter this is. */
  public Optional<Site> siteOfMeter(String meterId) {
    return locked(
        false, b -> Optional.ofNullable(siteOfMeter.get(meterId)).flatMap(stores.sites()::find));
  }

  /**
   * Whether the site of {@code meterId} has a consent in force at {@code at} that lets OpenVPP read
   * its meter data.
   */
  public boolean meterDataAllowed(String meterId, Instant at) {
    return locked(
        false,
        b -> {
          String site = siteOfMeter.get(meterId);
          if (site == null) {
            return false;
          }
          for (Consent c : stores.consents().all()) {
            if (c.siteId().equals(site) && c.allows(Consent.Scope.METER_DATA, at)) {
              return true;
            }
          }
          return false;
        });
  }

  // ---- devices ----

  /** Links a device to a known site, at the service's present. */
  public SiteDevice linkDevice(String siteId, DeviceId device, DeviceKind kind, Power capacity) {
    return locked(
        true,
        b -> {
          SiteDevice d = new SiteDevice(device, siteId, kind, capacity, b.now());
          b.register().linkDevice(d);
          return d;
        });
  }

  public Optional<SiteDevice> device(DeviceId id) {
    return locked(false, b -> b.register().device(id));
  }

  public List<SiteDevice> devices() {
    return locked(false, b -> b.register().devices());
  }

  // ---- consents ----

  /** Records a consent given now by {@code grantedBy} for a known site; its id is drawn. */
  public Consent grantConsent(
      String siteId, String grantedBy, Set<Consent.Scope> scopes, Optional<Instant> expires) {
    requireText("grantedBy", grantedBy);
    return locked(
        true,
        b -> {
          Consent c =
              new Consent(
                  draw("consent", stores.consents()),
                  siteId,
                  grantedBy,
                  b.now(),
                  scopes.isEmpty() ? Set.of() : EnumSet.copyOf(scopes),
                  expires,
                  Optional.empty());
          b.register().recordConsent(c);
          return c;
        });
  }

  /** Revokes a consent now. */
  public Consent revokeConsent(String consentId) {
    return locked(true, b -> b.register().revokeConsent(consentId, b.now()));
  }

  public Optional<Consent> consent(String id) {
    return locked(false, b -> stores.consents().find(id));
  }

  public List<Consent> consents() {
    return locked(false, b -> b.register().consents());
  }

  // ---- enrolments ----

  /**
   * Asks to enrol a site's linked devices in a program under a consent, now: enrolled at once, or
   * waiting for room (the program's caps). Each device must be linked to the site; it is enrolled
   * for the kind and capacity of its link.
   */
  public Enrolment enrol(
      String programId, String siteId, List<DeviceId> devices, String consentId) {
    if (devices.isEmpty()) {
      throw new ProgramException(
          ProgramException.Reason.NOT_ELIGIBLE, "an enrolment needs at least one device");
    }
    return locked(
        true,
        b -> {
          List<EnrolledDevice> asked = new ArrayList<>();
          for (DeviceId d : devices) {
            SiteDevice link =
                b.register()
                    .device(d)
                    .orElseThrow(
                        () ->
                            new ProgramException(
                                ProgramException.Reason.UNKNOWN,
                                "device "
                                    + d
                                    + " is not linked to a site; link it to "
                                    + siteId
                                    + " first"));
            asked.add(new EnrolledDevice(d, link.kind(), link.capacity()));
          }
          return b.register()
              .enrol(
                  draw("enrolment", stores.enrolments()),
                  programId,
                  siteId,
                  asked,
                  consentId,
                  b.now());
        });
  }

  /** Withdraws an enrolment now; returns those the waiting list then enrolled. */
  public List<Enrolment> withdraw(String enrolmentId) {
    return locked(true, b -> b.register().withdraw(enrolmentId, b.now()));
  }

  public Optional<Enrolment> enrolment(String id) {
    return locked(false, b -> stores.enrolments().find(id));
  }

  public List<Enrolment> enrolments() {
    return locked(false, b -> b.register().enrolments());
  }

  // ---- ids ----

  /** The next free id {@code prefix-000001}, … in {@code store}; called under the lock. */
  private String draw(String prefix, Store<?> store) {
    int n = nextNumber.computeIfAbsent(prefix, p -> store.all().size() + 1);
    String id;
    do {
      id = String.format(Locale.ROOT, "%s-%06d", prefix, n++);
    } while (store.find(id).isPresent());
    nextNumber.put(prefix, n);
    return id;
  }

  static void requireId(String what, String id) {
    if (!ID.matcher(id).matches()) {
      throw new ProgramException(
          ProgramException.Reason.NOT_ELIGIBLE,
          what + " id must be 1-64 letters, digits and . _ : -, was '" + id + "'");
    }
  }

  private static void requireText(String what, String text) {
    if (text.isBlank() || text.length() > 200) {
      throw new ProgramException(
          ProgramException.Reason.NOT_ELIGIBLE,
          what + " must be 1-200 characters, was '" + text + "'");
    }
  }

  /**
   * Imports customers, sites, devices, consents and enrolments from CSV ({@link RegisterImport}),
   * all or nothing: every row is tried first on a copy of the register that keeps its writes to
   * itself, and only when none is refused is the import applied, as one unit of work, under the
   * lock (nothing else changes the register meanwhile).
   *
   * @param by who imports (consents record it as who granted them on the customer's behalf)
   */
  public RegisterImport.Report importCsv(String csv, String by) {
    List<RegisterImport.Row> rows = RegisterImport.parse(csv);
    synchronized (lock) {
      Register dry = new Register(stores.overlay(), clock);
      List<String> errors = RegisterImport.apply(dry, rows, by);
      if (!errors.isEmpty()) {
        return RegisterImport.Report.refused(rows.size(), errors);
      }
      RegisterImport.Report[] done = new RegisterImport.Report[1];
      unit.run(
          () -> {
            List<String> late = RegisterImport.apply(this, rows, by);
            if (!late.isEmpty()) {
              throw new IllegalStateException(
                  "the import passed its dry run but failed when applied: " + late.get(0));
            }
            done[0] = RegisterImport.Report.applied(rows);
          });
      return Objects.requireNonNull(done[0]);
    }
  }
}
