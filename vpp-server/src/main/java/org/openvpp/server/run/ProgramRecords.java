package org.openvpp.server.run;

import java.util.Objects;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.OptOut;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.program.Store;

/**
 * Where a run keeps its program records (the register's and the event book's): in memory, or
 * written through to the platform's database as they change.
 */
public record ProgramRecords(
    Store<Program> programs,
    Store<Customer> customers,
    Store<Site> sites,
    Store<Consent> consents,
    Store<Enrolment> enrolments,
    Store<ProgramEvent> events,
    Store<OptOut> optOuts) {

  public ProgramRecords {
    Objects.requireNonNull(programs, "programs");
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(sites, "sites");
    Objects.requireNonNull(consents, "consents");
    Objects.requireNonNull(enrolments, "enrolments");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(optOuts, "optOuts");
  }

  /** Fresh stores in memory. */
  public static ProgramRecords inMemory() {
    return new ProgramRecords(
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory());
  }

  Enrolments register() {
    return new Enrolments(programs, customers, sites, consents, enrolments);
  }

  EventBook book(Enrolments register) {
    return new EventBook(register, events, optOuts);
  }
}
