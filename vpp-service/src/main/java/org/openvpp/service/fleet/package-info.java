/**
 * The fleet as the service sees it: the twins of the devices that registered by their births, the
 * aggregation tree that places each in its program, region and feeder by the register, and which of
 * them the VPP may command.
 */
@NullMarked
package org.openvpp.service.fleet;

import org.jspecify.annotations.NullMarked;
