/**
 * The platform's system of record: accounts, the audit log, token keys, device preferences, runs
 * and their results, the ledger and the telemetry history, in one SQL database ({@code vpp-store}):
 * embedded H2 for {@code ./vpp up}, PostgreSQL for {@code ./vpp serve}. {@link
 * org.openvpp.server.platform.Platform} says what persists and what does not.
 */
@NullMarked
package org.openvpp.server.platform;

import org.jspecify.annotations.NullMarked;
