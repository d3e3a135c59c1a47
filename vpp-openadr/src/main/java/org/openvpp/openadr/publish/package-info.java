/**
 * OpenVPP's programs and events as OpenADR programs and events ({@link
 * org.openvpp.openadr.publish.Publications}), published on a VTN by a business-logic client ({@link
 * org.openvpp.openadr.publish.Publisher}) so that partners' VENs see them.
 */
@NullMarked
package org.openvpp.openadr.publish;

import org.jspecify.annotations.NullMarked;
