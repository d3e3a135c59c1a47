/**
 * Meter values from chargers: the sampled values of 1.6 and 2.0.1 (MeterValues, a 1.6
 * StopTransaction's transactionData, a 2.0.1 TransactionEvent's meterValue) read into typed {@link
 * org.openvpp.ocpp.metering.Sample}s and handed to a {@link
 * org.openvpp.ocpp.metering.MeterListener}.
 */
@NullMarked
package org.openvpp.ocpp.metering;

import org.jspecify.annotations.NullMarked;
