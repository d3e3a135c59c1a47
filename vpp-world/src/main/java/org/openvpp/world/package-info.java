/**
 * The simulated world: one client of the service's interfaces among any others. It lives on its own
 * clock, steps its fleet, and meets the service only over the broker (devices, meters, its clock)
 * and HTTP (the utility's VTN, the price feed, the API); {@link org.openvpp.world.World} assembles
 * it.
 */
@NullMarked
package org.openvpp.world;

import org.jspecify.annotations.NullMarked;
