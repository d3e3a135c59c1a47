/**
 * Charging sessions as the central system sees them, for both versions: Authorize (through an
 * {@link org.openvpp.ocpp.transaction.Authorizer}), 1.6 Start/StopTransaction, 2.0.1
 * TransactionEvent with its sequence numbers, and MeterValues, kept as {@link
 * org.openvpp.ocpp.transaction.Transaction}s with their energy.
 */
@NullMarked
package org.openvpp.ocpp.transaction;

import org.jspecify.annotations.NullMarked;
