/**
 * Chargers' HTTP Basic passwords (OCPP security profiles 1 and 2): the {@link
 * org.openvpp.ocpp.credentials.Password} a charger presents at the WebSocket upgrade, kept only as
 * a salted {@link org.openvpp.ocpp.credentials.PasswordHash}, in a {@link
 * org.openvpp.ocpp.credentials.ChargerCredentials} store that also keeps a charger's previous
 * password valid for a while after it was changed. No type or message here ever shows a password.
 */
@NullMarked
package org.openvpp.ocpp.credentials;

import org.jspecify.annotations.NullMarked;
