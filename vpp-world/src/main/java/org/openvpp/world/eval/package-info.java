/** Evaluation: what the service measured, set beside the simulation's truth, labelled as such. */
@NullMarked
package org.openvpp.world.eval;

import org.jspecify.annotations.NullMarked;
