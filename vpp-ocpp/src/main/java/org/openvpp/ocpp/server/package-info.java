/**
 * The central system's WebSocket endpoint: one port, {@code /ocpp/{identity}}, subprotocols {@code
 * ocpp1.6} and {@code ocpp2.0.1}; a connection per charger that checks every message, answers its
 * CALLs through a {@link org.openvpp.ocpp.server.CallHandler}, and carries the central system's own
 * CALLs, one at a time, to their answer or their timeout.
 */
@NullMarked
package org.openvpp.ocpp.server;

import org.jspecify.annotations.NullMarked;
