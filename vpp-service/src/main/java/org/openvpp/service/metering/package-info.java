/**
 * Meter data into the meter history: readings from site meters and device clouds over the device
 * protocol, Green Button files and Connect feeds; each reading kept or refused with its reason.
 */
@NullMarked
package org.openvpp.service.metering;

import org.jspecify.annotations.NullMarked;
