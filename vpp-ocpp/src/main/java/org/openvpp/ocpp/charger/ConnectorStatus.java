package org.openvpp.ocpp.charger;

import java.time.Instant;
import java.util.Optional;

/**
 * A connector's last reported status.
 *
 * @param status as the version names it: 1.6 {@code Available}, {@code Charging}, {@code
 *     SuspendedEV}, …; 2.0.1 {@code Available}, {@code Occupied}, {@code Reserved}, {@code
 *     Unavailable}, {@code Faulted}
 * @param errorCode 1.6's {@code errorCode} ({@code NoError} when none); empty in 2.0.1
 * @param timestamp when the charger says the status began (1.6 may omit it: then received)
 * @param received when the central system received it, by its clock
 */
public record ConnectorStatus(
    String status, Optional<String> errorCode, Instant timestamp, Instant received) {}
