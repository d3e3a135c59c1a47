/** Loaders for the real data sets the simulator is built on. */
@NullMarked
package org.openvpp.sim.data;

import org.jspecify.annotations.NullMarked;
