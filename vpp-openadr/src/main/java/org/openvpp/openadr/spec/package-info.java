/**
 * The OpenADR 3.1.1 OpenAPI definition, shipped in this package's resources with its licence, and
 * the checks of JSON bodies against its schemas.
 */
@NullMarked
package org.openvpp.openadr.spec;

import org.jspecify.annotations.NullMarked;
