/**
 * Time as a parameter: {@link org.openvpp.time.Interval}, {@link org.openvpp.time.Horizon} (a grid
 * of equal intervals) and {@link org.openvpp.time.SimulationClock}. Core code never reads the
 * system clock; it takes a {@link java.time.Clock} or explicit instants.
 */
@NullMarked
package org.openvpp.time;

import org.jspecify.annotations.NullMarked;
