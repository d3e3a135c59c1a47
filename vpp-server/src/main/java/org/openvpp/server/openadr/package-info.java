/**
 * OpenADR in the server: {@code ./vpp openadr client create} and the VTN beside {@code ./vpp up},
 * publishing the run's program and event to partners.
 */
@NullMarked
package org.openvpp.server.openadr;

import org.jspecify.annotations.NullMarked;
