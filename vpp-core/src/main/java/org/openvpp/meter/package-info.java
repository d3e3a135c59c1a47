/**
 * Metering: a site meter's interval readings ({@link org.openvpp.meter.MeterReading}, energy taken
 * from and given to the grid per interval) and why one is refused ({@link
 * org.openvpp.meter.ReadingVerdict}), shared by every input that brings them: the device protocol's
 * meter topics, Green Button files and feeds, CSV.
 */
@NullMarked
package org.openvpp.meter;

import org.jspecify.annotations.NullMarked;
