package org.openvpp.store;

import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.OptOut;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Store;

/**
 * The program register's and the event book's records in a {@link Database}: one {@link Store} per
 * record type, each over its own table of typed columns (docs/store.md). A register made with
 * {@link #register} rebuilds its indexes from the tables, so a restarted VPP carries on where it
 * stopped.
 */
public final class ProgramStores {
  private final Store<Program> programs;
  private final Store<Customer> customers;
  private final Store<Site> sites;
  private final Store<Consent> consents;
  private final Store<Enrolment> enrolments;
  private final Store<ProgramEvent> events;
  private final Store<OptOut> optOuts;
  private final Store<SiteDevice> devices;

  private ProgramStores(Database db, boolean caching) {
    this.programs = new SqlStore<>(db, ProgramTables.PROGRAMS, caching);
    this.customers = new SqlStore<>(db, ProgramTables.CUSTOMERS, caching);
    this.sites = new SqlStore<>(db, ProgramTables.SITES, caching);
    this.consents = new SqlStore<>(db, ProgramTables.CONSENTS, caching);
    this.enrolments = new SqlStore<>(db, ProgramTables.ENROLMENTS, caching);
    this.events = new SqlStore<>(db, ProgramTables.EVENTS, caching);
    this.optOuts = new SqlStore<>(db, ProgramTables.OPT_OUTS, caching);
    this.devices = new SqlStore<>(db, ProgramTables.SITE_DEVICES, caching);
  }

  /**
   * The stores of the records' one writer (the VPP's register and event book): each loads its table
   * on first read and then reads from memory, writing every put through to the database. Another
   * process's writes are seen by stores made after them.
   */
  public static ProgramStores in(Database db) {
    return new ProgramStores(db, true);
  }

  /** Stores that read the database on every call (for readers beside the writer, and tests). */
  public static ProgramStores uncached(Database db) {
    return new ProgramStores(db, false);
  }

  public Store<Program> programs() {
    return programs;
  }

  public Store<Customer> customers() {
    return customers;
  }

  public Store<Site> sites() {
    return sites;
  }

  public Store<Consent> consents() {
    return consents;
  }

  public Store<Enrolment> enrolments() {
    return enrolments;
  }

  public Store<ProgramEvent> events() {
    return events;
  }

  public Store<OptOut> optOuts() {
    return optOuts;
  }

  /** The devices linked to sites. */
  public Store<SiteDevice> devices() {
    return devices;
  }

  /** The register over these stores, its indexes rebuilt from what they hold. */
  public Enrolments register() {
    return new Enrolments(programs, customers, sites, consents, enrolments, devices);
  }

  /** The event book of {@code register} over these stores. */
  public EventBook eventBook(Enrolments register) {
    return new EventBook(register, events, optOuts);
  }
}
