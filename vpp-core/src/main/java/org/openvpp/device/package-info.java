/**
 * Device kinds as a sealed hierarchy of immutable specifications: what a device is and what it can
 * do, not its changing state (that is the twin's). Every kind names its limits with typed
 * quantities.
 */
@NullMarked
package org.openvpp.device;

import org.jspecify.annotations.NullMarked;
