/**
 * The simulated homes' EV chargers as OCPP 1.6J and 2.0.1 charge points of a central system ({@code
 * ./vpp sim --ocpp}, {@code ./vpp up --ocpp-port}): an OCPP-J client of the world's own, and the
 * chargers' messages and state.
 */
@NullMarked
package org.openvpp.world.chargers;

import org.jspecify.annotations.NullMarked;
