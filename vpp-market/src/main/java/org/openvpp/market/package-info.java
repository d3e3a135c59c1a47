/**
 * Wholesale markets as the aggregation meets them: a market's rules as data, its prices, the
 * bidder's price forecast, bids as price–quantity curves per interval, awards, and their
 * settlement.
 */
@NullMarked
package org.openvpp.market;

import org.jspecify.annotations.NullMarked;
