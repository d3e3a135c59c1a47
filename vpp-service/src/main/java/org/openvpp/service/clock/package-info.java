/**
 * The service's one clock: wall time in production, the world's time when the world is simulated;
 * and the steps the control loop takes by it.
 */
@NullMarked
package org.openvpp.service.clock;

import org.jspecify.annotations.NullMarked;
