/**
 * The aggregation tree: fleet ▸ program ▸ region ▸ feeder, or any grouping an operator defines,
 * with totals kept up to date incrementally as twins change.
 */
@NullMarked
package org.openvpp.aggregate;

import org.jspecify.annotations.NullMarked;
