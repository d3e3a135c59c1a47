/**
 * The fleet as a maker's device cloud on the broker (births, telemetry, statuses, commands), the
 * site meters' readings, and the world's clock in lockstep with the service.
 */
@NullMarked
package org.openvpp.world.cloud;

import org.jspecify.annotations.NullMarked;
