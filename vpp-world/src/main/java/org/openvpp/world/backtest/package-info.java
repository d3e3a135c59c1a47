/**
 * {@code ./vpp backtest}: a period of a day-ahead market replayed day by day as a bidder would have
 * lived it, the fleet simulated, scored against perfect foresight on the same days.
 */
@NullMarked
package org.openvpp.world.backtest;

import org.jspecify.annotations.NullMarked;
