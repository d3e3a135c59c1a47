package org.openvpp.service;

import java.util.Objects;
import java.util.Optional;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.service.fleet.PreferenceDesk;
import org.openvpp.service.fleet.SqlPreferences;
import org.openvpp.service.fleet.TelemetryRecorder;
import org.openvpp.service.metering.MemoryHistory;
import org.openvpp.service.metering.MeterHistory;
import org.openvpp.service.register.Register;
import org.openvpp.service.register.RegisterStores;
import org.openvpp.service.state.ServiceState;
import org.openvpp.settle.LedgerStore;
import org.openvpp.store.Database;
import org.openvpp.store.Documents;
import org.openvpp.store.MeterIntervals;
import org.openvpp.store.ProgramStores;
import org.openvpp.store.SqlLedgerStore;
import org.openvpp.store.TelemetryHistory;

/**
 * Where the service keeps what must outlive a restart: the register and the event books, the meter
 * history, its own state (commitments, M&amp;V results, closed months), the ledger, customers'
 * device preferences and the telemetry history. In the platform's database ({@link #in}: the
 * embedded H2 of {@code ./vpp up}, PostgreSQL for {@code ./vpp serve}), or in memory.
 *
 * @param telemetry the telemetry history's recorder, when there is a database
 */
public record Records(
    RegisterStores stores,
    Register.UnitOfWork unit,
    MeterHistory history,
    ServiceState state,
    LedgerStore ledger,
    PreferenceDesk.PreferenceRecords preferences,
    Optional<TelemetryRecorder> telemetry) {

  public Records {
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(preferences, "preferences");
    Objects.requireNonNull(telemetry, "telemetry");
  }

  /** Everything in {@code db}'s tables, written through. */
  public static Records in(Database db) {
    return new Records(
        RegisterStores.in(ProgramStores.in(db)),
        db::atomically,
        MeterHistory.in(MeterIntervals.in(db)),
        ServiceState.in(Documents.in(db)),
        SqlLedgerStore.in(db),
        new SqlPreferences(db),
        Optional.of(new TelemetryRecorder(TelemetryHistory.in(db))));
  }

  /** Everything in memory, gone with the process. */
  public static Records inMemory() {
    return new Records(
        RegisterStores.inMemory(),
        Register.UnitOfWork.DIRECT,
        new MemoryHistory(),
        ServiceState.inMemory(),
        LedgerStore.inMemory(),
        PreferenceDesk.PreferenceRecords.NONE,
        Optional.empty());
  }

  /** Where the edge sends accepted and late telemetry: the recorder, or nowhere. */
  public MqttEdge.History telemetryHistory() {
    return telemetry.isPresent() ? telemetry.get() : MqttEdge.History.NONE;
  }
}
