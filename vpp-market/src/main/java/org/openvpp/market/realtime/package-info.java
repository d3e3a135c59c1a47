/**
 * The operating day in real time: the five-minute operating targets an aggregation is sent (its
 * day-ahead schedule ramped between hours, and contingency reserves when they are called), and how
 * closely the fleet followed them.
 */
@NullMarked
package org.openvpp.market.realtime;

import org.jspecify.annotations.NullMarked;
