/**
 * SQL persistence of OpenVPP: a {@link org.openvpp.store.Database} (PostgreSQL as the system of
 * record, or an embedded H2 file database in a local folder) whose one schema is kept by Flyway
 * migrations; the stores on it: {@link org.openvpp.store.ProgramStores} (the register's and the
 * event book's records), {@link org.openvpp.store.SqlLedgerStore} (the append-only ledger), {@link
 * org.openvpp.store.TelemetryHistory} and {@link org.openvpp.store.MeterIntervals} (time series,
 * range-partitioned by month on PostgreSQL, bulk-loaded with COPY). See docs/store.md.
 */
@NullMarked
package org.openvpp.store;

import org.jspecify.annotations.NullMarked;
