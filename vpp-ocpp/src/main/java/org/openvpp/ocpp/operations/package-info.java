/**
 * An operator's operations on a charger, for both versions (issue 17, part 4): remote start and
 * stop, change availability, reset, trigger message, and reading and changing settings (2.0.1
 * variables, 1.6 configuration keys). {@link org.openvpp.ocpp.operations.Operation} is the request,
 * the same for both versions; {@link org.openvpp.ocpp.operations.OperationMessages} writes it as
 * the version's CALL and reads the answer into an {@link
 * org.openvpp.ocpp.operations.OperationOutcome}; {@link org.openvpp.ocpp.operations.Operations}
 * sends it to a connected charger and tells what became of it.
 */
@NullMarked
package org.openvpp.ocpp.operations;

import org.jspecify.annotations.NullMarked;
