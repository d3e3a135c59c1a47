/**
 * A charger's life cycle as the central system sees it: admission at BootNotification (through a
 * {@link org.openvpp.ocpp.charger.ChargerRegistry}), Heartbeat, and the status of each connector.
 * Both versions; the other actions of an accepted charger go on to the next handler.
 */
@NullMarked
package org.openvpp.ocpp.charger;

import org.jspecify.annotations.NullMarked;
