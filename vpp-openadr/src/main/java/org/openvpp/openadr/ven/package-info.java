/**
 * The OpenADR 3 VEN: a client of a utility's VTN ({@link org.openvpp.openadr.ven.Ven}) that follows
 * the events of its programs by polling and by webhook, turns them into OpenVPP's own events
 * ({@link org.openvpp.openadr.ven.OpenAdrEvent}) and posts the reports they ask for.
 */
@NullMarked
package org.openvpp.openadr.ven;

import org.jspecify.annotations.NullMarked;
