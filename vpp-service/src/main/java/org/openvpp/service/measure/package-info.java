/**
 * M&amp;V from stored meter data: every event measured per site by its program's baseline (or its
 * fallback), measured again when late readings arrive.
 */
@NullMarked
package org.openvpp.service.measure;

import org.jspecify.annotations.NullMarked;
