/** Grid events: requests from a utility, a market or an operator for the fleet to respond. */
@NullMarked
package org.openvpp.event;

import org.jspecify.annotations.NullMarked;
