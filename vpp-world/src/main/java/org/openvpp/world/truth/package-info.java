/**
 * The simulation's truth (each site's load without the VPP), written where only evaluation reads
 * it.
 */
@NullMarked
package org.openvpp.world.truth;

import org.jspecify.annotations.NullMarked;
