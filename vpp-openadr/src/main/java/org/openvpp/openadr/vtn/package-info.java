/**
 * The OpenADR 3.1.1 VTN: the HTTP server ({@link org.openvpp.openadr.vtn.Vtn}) serving every
 * operation of the definition, the rules of who may read and write what, and the repository the
 * objects are kept in.
 */
@NullMarked
package org.openvpp.openadr.vtn;

import org.jspecify.annotations.NullMarked;
