/**
 * Events, any number, any time: from a utility's VTN through OpenVPP's VEN (new, modified,
 * cancelled) and from operators, into each program's event book, within the program's limits.
 */
@NullMarked
package org.openvpp.service.events;

import org.jspecify.annotations.NullMarked;
