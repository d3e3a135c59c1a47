/**
 * Green Button (NAESB ESPI): a customer's interval meter data in the Atom XML format US utilities
 * give customers and the third parties they authorise. {@link
 * org.openvpp.greenbutton.GreenButtonReader} reads a file or feed into a {@link
 * org.openvpp.greenbutton.GreenButtonFeed} of usage points whose intervals become {@link
 * org.openvpp.meter.MeterReading}s; {@link org.openvpp.greenbutton.GreenButtonWriter} writes a
 * meter's readings as a feed; {@link org.openvpp.greenbutton.GreenButtonConnect} fetches one from a
 * Green Button Connect My Data server. What is read and what is refused: docs/metering.md.
 */
@NullMarked
package org.openvpp.greenbutton;

import org.jspecify.annotations.NullMarked;
