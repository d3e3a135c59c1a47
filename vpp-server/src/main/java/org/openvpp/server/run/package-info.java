/**
 * The run of a VPP over a fleet: the control loop that moves telemetry into twins and aggregation,
 * plans against events, dispatches in closed loop, and measures the result.
 */
@NullMarked
package org.openvpp.server.run;

import org.jspecify.annotations.NullMarked;
