/**
 * Digital twins: the latest known state of every device, held in primitive arrays by dense device
 * ordinal ({@link org.openvpp.twin.TwinStore}), fed by {@link org.openvpp.twin.Telemetry}.
 */
@NullMarked
package org.openvpp.twin;

import org.jspecify.annotations.NullMarked;
