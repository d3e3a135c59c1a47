/**
 * A market's price feed: day-ahead prices served over HTTP per node and day, each day once it is
 * published by the world's clock.
 */
@NullMarked
package org.openvpp.world.prices;

import org.jspecify.annotations.NullMarked;
