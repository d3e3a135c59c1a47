/**
 * The OpenADR 3 objects a VTN keeps (programs, events, reports, subscriptions, vens and resources)
 * as immutable records: the fields the VTN reasons about are typed, the rest of what a client sent
 * (intervals, payload descriptors, attributes) is kept as given and handed back.
 */
@NullMarked
package org.openvpp.openadr.object;

import org.jspecify.annotations.NullMarked;
