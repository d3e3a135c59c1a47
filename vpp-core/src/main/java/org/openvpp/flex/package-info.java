/**
 * Flexibility envelopes: per interval, the band of power a device or group can take or give, plus
 * bounds on the energy taken since the start of the horizon, which bind the intervals together (a
 * "virtual battery"). {@link org.openvpp.flex.FlexEnvelope} is the immutable value; {@link
 * org.openvpp.flex.EnvelopeBlock} holds the envelopes of a whole fleet in primitive arrays and adds
 * them up fast.
 */
@NullMarked
package org.openvpp.flex;

import org.jspecify.annotations.NullMarked;
