/** Simulated home batteries: state of charge, limits, losses and their autonomous mode. */
@NullMarked
package org.openvpp.sim.battery;

import org.jspecify.annotations.NullMarked;
