/** Simulated EVs and their chargers: sessions resampled from real charging data, V1G and V2G. */
@NullMarked
package org.openvpp.sim.ev;

import org.jspecify.annotations.NullMarked;
