/**
 * OCPP-J, the RPC framing OCPP 1.6J and 2.0.1 share over WebSocket: frames (CALL, CALLRESULT,
 * CALLERROR), their parser, the version's JSON schemas, and the reasons a message is refused with
 * the CALLERROR code each version gives them. No I/O: text in, frames or refusals out.
 */
@NullMarked
package org.openvpp.ocpp.rpc;

import org.jspecify.annotations.NullMarked;
