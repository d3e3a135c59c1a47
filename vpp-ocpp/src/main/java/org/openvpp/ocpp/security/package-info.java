/**
 * Security operations of the central system with its chargers (OCPP 2.0.1's functional block A, and
 * the 1.6 security whitepaper): for now, a charger's HTTP Basic password made by the central system
 * and changed with {@link org.openvpp.ocpp.security.PasswordRotation}. The passwords themselves are
 * kept in {@link org.openvpp.ocpp.credentials}, below the server.
 */
@NullMarked
package org.openvpp.ocpp.security;

import org.jspecify.annotations.NullMarked;
