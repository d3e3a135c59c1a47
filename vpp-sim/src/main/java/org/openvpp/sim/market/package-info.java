/** Market data for simulated days: wholesale energy prices. */
@NullMarked
package org.openvpp.sim.market;

import org.jspecify.annotations.NullMarked;
