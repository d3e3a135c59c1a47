package org.openvpp.program;

import static org.openvpp.program.ProgramException.Reason.CONFLICTING_ENROLMENT;
import static org.openvpp.program.ProgramException.Reason.DUPLICATE;
import static org.openvpp.program.ProgramException.Reason.NOT_ELIGIBLE;
import static org.openvpp.program.ProgramException.Reason.NO_CONSENT;
import static org.openvpp.program.ProgramException.Reason.UNKNOWN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Power;

/**
 * The register of programs, customers, sites, consents and enrolments, and the rules of enrolment.
 *
 * <p><b>Rules.</b> A request is refused (a {@link ProgramException} with its reason) when the
 * program, site or consent is unknown; when the consent is for another site, or does not allow both
 * control and meter-data access at the request's instant; when the site's region or a device's kind
 * is not eligible; when the site is already waiting or enrolled in the same program, or in a
 * program that conflicts with it; or when one of the devices is already waiting or enrolled
 * anywhere (a device takes orders from one program). A request that passes is enrolled at once if
 * the program has room under both caps (enrolled sites and enrolled kW) and nobody is waiting;
 * otherwise it joins the waiting list. When an enrolment is withdrawn, the waiting list is served
 * first come first served: the longest-waiting request is enrolled while it fits, and the first
 * that does not fit stops the queue (nobody overtakes); a waiting request whose consent has lapsed
 * is withdrawn instead.
 *
 * <p>Requests are checked against indexes of the active enrolments (by site, by device, counts and
 * capacity per program, the waiting lists), rebuilt from the store when the register is made, so
 * enrolment costs the same at any fleet size. Single-threaded: the caller confines an instance to
 * one thread. Time is always a parameter.
 */
public final class Enrolments {
  private final Store<Program> programs;
  private final Store<Customer> customers;
  private final Store<Site> sites;
  private final Store<Consent> consents;
  private final Store<Enrolment> enrolments;
  private final Store<SiteDevice> devices;
  // Indexes of the active (waiting or enrolled) enrolments, kept as they change, so a request
  // costs the same at a million sites as at ten.
  private final Map<String, List<String>> activeBySite = new HashMap<>();
  private final Map<DeviceId, String> activeByDevice = new HashMap<>();
  private final Map<String, Integer> enrolledCount = new HashMap<>();
  private final Map<String, Double> enrolledWatts = new HashMap<>();
  private final Map<String, List<Enrolment>> waiting = new HashMap<>();

  public Enrolments(
      Store<Program> programs,
      Store<Customer> customers,
      Store<Site> sites,
      Store<Consent> consents,
      Store<Enrolment> enrolments) {
    this(programs, customers, sites, consents, enrolments, Store.inMemory());
  }

  /** A register over these stores, with the devices linked to sites in {@code devices}. */
  public Enrolments(
      Store<Program> programs,
      Store<Customer> customers,
      Store<Site> sites,
      Store<Consent> consents,
      Store<Enrolment> enrolments,
      Store<SiteDevice> devices) {
    this.devices = devices;
    this.programs = programs;
    this.customers = customers;
    this.sites = sites;
    this.consents = consents;
    this.enrolments = enrolments;
    for (Enrolment e : enrolments.all()) {
      index(e);
    }
  }

  /** A register over fresh in-memory stores. */
  public static Enrolments inMemory() {
    return new Enrolments(
        Store.inMemory(), Store.inMemory(), Store.inMemory(), Store.inMemory(), Store.inMemory());
  }

  /** Adds a program, or replaces one with new rules (caps then apply to new requests). */
  public void putProgram(Program program) {
    programs.put(program.id(), program);
  }

  public void addCustomer(Customer customer) {
    if (customers.find(customer.id()).isPresent()) {
      throw new ProgramException(DUPLICATE, "customer " + customer.id() + " already exists");
    }
    customers.put(customer.id(), customer);
  }

  public void addSite(Site site) {
    customer(site.customerId());
    if (sites.find(site.id()).isPresent()) {
      throw new ProgramException(DUPLICATE, "site " + site.id() + " already exists");
    }
    sites.put(site.id(), site);
  }

  /**
   * Links a device to the site it is at; the site must be known.
   *
   * @throws ProgramException {@code DUPLICATE} when the device is linked already (to this site or
   *     another: unlink it there first)
   */
  public void linkDevice(SiteDevice device) {
    site(device.siteId());
    Optional<SiteDevice> known = devices.find(device.id().value());
    if (known.isPresent()) {
      throw new ProgramException(
          DUPLICATE,
          "device " + device.id() + " is already linked to site " + known.get().siteId());
    }
    devices.put(device.id().value(), device);
  }

  /** The site a device is linked to, if it is. */
  public Optional<SiteDevice> device(DeviceId id) {
    return devices.find(id.value());
  }

  /** Every device linked to a site, in the order linked. */
  public List<SiteDevice> devices() {
    return List.copyOf(devices.all());
  }

  /** Records a consent; the site must be known. */
  public void recordConsent(Consent consent) {
    site(consent.siteId());
    if (consents.find(consent.id()).isPresent()) {
      throw new ProgramException(DUPLICATE, "consent " + consent.id() + " already exists");
    }
    consents.put(consent.id(), consent);
  }

  /**
   * Revokes a consent from {@code at}. Enrolments resting on it stay on the books but are no longer
   * dispatched (see {@link EventBook#dispatchable}); the customer withdraws them separately.
   */
  public Consent revokeConsent(String consentId, Instant at) {
    Consent revoked = consent(consentId).revoked(at);
    consents.put(consentId, revoked);
    return revoked;
  }

  /**
   * Enrols, or puts on the waiting list, by the rules above.
   *
   * @return the enrolment as stored: {@code ENROLLED} or {@code WAITING}
   */
  public Enrolment enrol(
      String id,
      String programId,
      String siteId,
      List<EnrolledDevice> devices,
      String consentId,
      Instant at) {
    if (enrolments.find(id).isPresent()) {
      throw new ProgramException(DUPLICATE, "enrolment " + id + " already exists");
    }
    Program program = program(programId);
    Site site = site(siteId);
    Consent consent = consent(consentId);
    if (!consent.siteId().equals(siteId)) {
      throw new ProgramException(
          NO_CONSENT,
          "consent " + consentId + " is for site " + consent.siteId() + ", not " + siteId);
    }
    for (Consent.Scope scope : Consent.Scope.values()) {
      if (!consent.allows(scope, at)) {
        throw new ProgramException(
            NO_CONSENT,
            "consent "
                + consentId
                + " does not allow "
                + scope
                + " at "
                + at
                + " (scopes "
                + consent.scopes()
                + ", expires "
                + consent.expires().map(Instant::toString).orElse("never")
                + ", revoked "
                + consent.revokedAt().map(Instant::toString).orElse("no")
                + "); record a consent that allows CONTROL and METER_DATA");
      }
    }
    if (!program.regions().contains(site.region())) {
      throw new ProgramException(
          NOT_ELIGIBLE,
          "site "
              + siteId
              + " is in region "
              + site.region()
              + "; program "
              + programId
              + " takes "
              + program.regions());
    }
    Set<DeviceId> asked = new HashSet<>();
    for (EnrolledDevice d : devices) {
      if (!program.eligibleDevices().contains(d.kind())) {
        throw new ProgramException(
            NOT_ELIGIBLE,
            "device "
                + d.id()
                + " is a "
                + d.kind()
                + "; program "
                + programId
                + " takes "
                + program.eligibleDevices());
      }
      if (!asked.add(d.id())) {
        throw new ProgramException(DUPLICATE, "device " + d.id() + " is listed twice");
      }
    }
    for (String other : activeBySite.getOrDefault(siteId, List.of())) {
      Enrolment e = enrolment(other);
      if (e.programId().equals(programId)) {
        throw new ProgramException(
            DUPLICATE,
            "site "
                + siteId
                + " is already "
                + e.status()
                + " in "
                + programId
                + " ("
                + e.id()
                + ")");
      }
      if (program.conflictsWith(program(e.programId()))) {
        throw new ProgramException(
            CONFLICTING_ENROLMENT,
            "site "
                + siteId
                + " is "
                + e.status()
                + " in "
                + e.programId()
                + ", which conflicts with "
                + programId
                + "; withdraw "
                + e.id()
                + " first");
      }
    }
    for (EnrolledDevice d : devices) {
      String holder = activeByDevice.get(d.id());
      if (holder != null) {
        Enrolment e = enrolment(holder);
        throw new ProgramException(
            CONFLICTING_ENROLMENT,
            "device "
                + d.id()
                + " is already "
                + e.status()
                + " in "
                + e.programId()
                + " ("
                + e.id()
                + "); a device takes part in one program");
      }
    }
    for (EnrolledDevice d : devices) {
      Optional<SiteDevice> link = this.devices.find(d.id().value());
      if (link.isPresent() && !link.get().siteId().equals(siteId)) {
        throw new ProgramException(
            NOT_ELIGIBLE,
            "device " + d.id() + " is linked to site " + link.get().siteId() + ", not " + siteId);
      }
      if (link.isPresent() && link.get().kind() != d.kind()) {
        throw new ProgramException(
            NOT_ELIGIBLE,
            "device " + d.id() + " is linked as a " + link.get().kind() + ", not a " + d.kind());
      }
    }
    for (EnrolledDevice d : devices) {
      if (this.devices.find(d.id().value()).isEmpty()) {
        // Enrolling a device at a site says it is there.
        this.devices.put(
            d.id().value(), new SiteDevice(d.id(), siteId, d.kind(), d.capacity(), at));
      }
    }
    Enrolment request =
        new Enrolment(
            id, programId, siteId, devices, consentId, at, Optional.empty(), Optional.empty());
    boolean queue = !waiting.getOrDefault(programId, List.of()).isEmpty();
    Enrolment stored = !queue && fits(program, request) ? request.enrolled(at) : request;
    save(Optional.empty(), stored);
    return stored;
  }

  /**
   * Withdraws an enrolment (or a waiting request) from {@code at}, then serves the waiting list.
   *
   * @return the enrolments this enrolled from the waiting list, in order
   */
  public List<Enrolment> withdraw(String enrolmentId, Instant at) {
    Enrolment e = enrolment(enrolmentId);
    if (!e.isActive()) {
      throw new ProgramException(
          DUPLICATE,
          "enrolment " + enrolmentId + " was already withdrawn at " + e.withdrawnAt().get());
    }
    save(Optional.of(e), e.withdrawn(at));
    return serveWaitingList(e.programId(), at);
  }

  private List<Enrolment> serveWaitingList(String programId, Instant at) {
    Program program = program(programId);
    List<Enrolment> promoted = new ArrayList<>();
    for (Enrolment w : waitingList(programId)) {
      Consent c = consent(w.consentId());
      if (!c.allows(Consent.Scope.CONTROL, at) || !c.allows(Consent.Scope.METER_DATA, at)) {
        save(Optional.of(w), w.withdrawn(at));
        continue;
      }
      if (!fits(program, w)) {
        break;
      }
      Enrolment now = w.enrolled(at);
      save(Optional.of(w), now);
      promoted.add(now);
    }
    return promoted;
  }

  private boolean fits(Program program, Enrolment request) {
    int sites = enrolledCount.getOrDefault(program.id(), 0);
    double watts = enrolledWatts.getOrDefault(program.id(), 0.0) + request.capacity().watts();
    return sites + 1 <= program.enrolmentCap() && watts <= program.capacityCap().watts() + 1e-6;
  }

  /** Stores {@code now} (replacing {@code before}, if given) and keeps the indexes. */
  private void save(Optional<Enrolment> before, Enrolment now) {
    before.ifPresent(this::unindex);
    enrolments.put(now.id(), now);
    index(now);
  }

  private void index(Enrolment e) {
    if (!e.isActive()) {
      return;
    }
    activeBySite.computeIfAbsent(e.siteId(), k -> new ArrayList<>()).add(e.id());
    for (EnrolledDevice d : e.devices()) {
      activeByDevice.put(d.id(), e.id());
    }
    if (e.status() == Enrolment.Status.ENROLLED) {
      enrolledCount.merge(e.programId(), 1, Integer::sum);
      enrolledWatts.merge(e.programId(), e.capacity().watts(), Double::sum);
    } else {
      List<Enrolment> queue = waiting.computeIfAbsent(e.programId(), k -> new ArrayList<>());
      int at = queue.size();
      while (at > 0 && queue.get(at - 1).requestedAt().isAfter(e.requestedAt())) {
        at--;
      }
      queue.add(at, e);
    }
  }

  private void unindex(Enrolment e) {
    if (!e.isActive()) {
      return;
    }
    List<String> atSite = activeBySite.get(e.siteId());
    if (atSite != null) {
      atSite.remove(e.id());
      if (atSite.isEmpty()) {
        activeBySite.remove(e.siteId());
      }
    }
    for (EnrolledDevice d : e.devices()) {
      activeByDevice.remove(d.id());
    }
    if (e.status() == Enrolment.Status.ENROLLED) {
      enrolledCount.merge(e.programId(), -1, Integer::sum);
      enrolledWatts.merge(e.programId(), -e.capacity().watts(), Double::sum);
    } else {
      List<Enrolment> queue = waiting.get(e.programId());
      if (queue != null) {
        queue.removeIf(w -> w.id().equals(e.id()));
      }
    }
  }

  /** The waiting requests of a program, longest waiting first. */
  public List<Enrolment> waitingList(String programId) {
    return List.copyOf(waiting.getOrDefault(programId, List.of()));
  }

  /** The enrolments of a program that are enrolled now (not waiting, not withdrawn). */
  public List<Enrolment> enrolled(String programId) {
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : enrolments.all()) {
      if (e.programId().equals(programId) && e.status() == Enrolment.Status.ENROLLED) {
        out.add(e);
      }
    }
    return out;
  }

  /** The enrolments of a program enrolled at {@code at}, in the order they were enrolled. */
  public List<Enrolment> enrolledAt(String programId, Instant at) {
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : enrolments.all()) {
      if (e.programId().equals(programId) && e.isEnrolledAt(at)) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing((Enrolment e) -> e.enrolledAt().get()));
    return out;
  }

  /** The capacity enrolled in a program now. */
  public Power enrolledCapacity(String programId) {
    return Power.ofWatts(enrolledWatts.getOrDefault(programId, 0.0));
  }

  public Program program(String id) {
    return programs.find(id).orElseThrow(() -> new ProgramException(UNKNOWN, "no program " + id));
  }

  public Customer customer(String id) {
    return customers.find(id).orElseThrow(() -> new ProgramException(UNKNOWN, "no customer " + id));
  }

  public Site site(String id) {
    return sites.find(id).orElseThrow(() -> new ProgramException(UNKNOWN, "no site " + id));
  }

  public Consent consent(String id) {
    return consents.find(id).orElseThrow(() -> new ProgramException(UNKNOWN, "no consent " + id));
  }

  public Enrolment enrolment(String id) {
    return enrolments
        .find(id)
        .orElseThrow(() -> new ProgramException(UNKNOWN, "no enrolment " + id));
  }

  public List<Program> programs() {
    return programs.all();
  }

  /** Every enrolment on the books (waiting, enrolled and withdrawn), in the store's order. */
  public List<Enrolment> enrolments() {
    return List.copyOf(enrolments.all());
  }

  /** Every consent on the books, revoked and lapsed ones too, in the store's order. */
  public List<Consent> consents() {
    return List.copyOf(consents.all());
  }
}
