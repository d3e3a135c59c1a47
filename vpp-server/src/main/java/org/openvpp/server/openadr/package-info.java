/**
 * OpenADR in the server: OpenVPP's own VTN for partners' VENs ({@link
 * org.openvpp.server.openadr.PartnerVtn}: the service's programs and events as they change), and
 * {@code ./vpp openadr client create}, which writes its clients file. OpenVPP's VEN towards a
 * utility's VTN is a part of the service ({@code org.openvpp.service.events.UtilityLink}).
 */
@NullMarked
package org.openvpp.server.openadr;

import org.jspecify.annotations.NullMarked;
