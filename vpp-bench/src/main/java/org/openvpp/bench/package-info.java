/**
 * Benchmarks, run with {@code ./vpp bench NAME [--quick]}. Each prints, as its last line, one JSON
 * object {@code {"bench": "NAME", ...figures}}, with a baseline measured in the same run so that
 * the figure that matters is a ratio, robust to a noisy machine.
 */
@NullMarked
package org.openvpp.bench;

import org.jspecify.annotations.NullMarked;
