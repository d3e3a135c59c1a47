package org.openvpp.service.register;

import java.util.Objects;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.Enrolment;
import org.openvpp.program.OptOut;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Store;
import org.openvpp.store.ProgramStores;

/**
 * Where the register and the event books keep their records: the platform's database ({@link
 * #in(ProgramStores)}, written through as they change) or memory (tests).
 */
public record RegisterStores(
    Store<Program> programs,
    Store<Customer> customers,
    Store<Site> sites,
    Store<Consent> consents,
    Store<Enrolment> enrolments,
    Store<SiteDevice> devices,
    Store<ProgramEvent> events,
    Store<OptOut> optOuts) {

  public RegisterStores {
    Objects.requireNonNull(programs, "programs");
    Objects.requireNonNull(customers, "customers");
    Objects.requireNonNull(sites, "sites");
    Objects.requireNonNull(consents, "consents");
    Objects.requireNonNull(enrolments, "enrolments");
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(optOuts, "optOuts");
  }

  /** Fresh stores in memory. */
  public static RegisterStores inMemory() {
    return new RegisterStores(
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory(),
        Store.inMemory());
  }

  /** The database's tables, each loaded once and written through. */
  public static RegisterStores in(ProgramStores s) {
    return new RegisterStores(
        s.programs(),
        s.customers(),
        s.sites(),
        s.consents(),
        s.enrolments(),
        s.devices(),
        s.events(),
        s.optOuts());
  }

  /** Stores that read these and keep their own writes apart (a dry run of an import). */
  RegisterStores overlay() {
    return new RegisterStores(
        new OverlayStore<>(programs),
        new OverlayStore<>(customers),
        new OverlayStore<>(sites),
        new OverlayStore<>(consents),
        new OverlayStore<>(enrolments),
        new OverlayStore<>(devices),
        new OverlayStore<>(events),
        new OverlayStore<>(optOuts));
  }
}
