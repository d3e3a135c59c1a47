/** Simulated fleets of homes and their devices. */
@NullMarked
package org.openvpp.sim.fleet;

import org.jspecify.annotations.NullMarked;
