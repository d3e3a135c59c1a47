/**
 * OpenADR in the server: {@code ./vpp openadr client create}; the VTN beside {@code ./vpp up},
 * publishing the run's program and event to partners; and the utility's side, the run's event
 * through OpenVPP's VEN from a utility's VTN (a stand-in one by default) with the run's M&amp;V
 * reported back.
 */
@NullMarked
package org.openvpp.server.openadr;

import org.jspecify.annotations.NullMarked;
