/**
 * The service's own state that must outlive a restart and is not a register record, a ledger
 * posting or a time series: small JSON documents by kind and key (event commitments, M&amp;V
 * results, closed months), in the platform's database or in memory.
 */
@NullMarked
package org.openvpp.service.state;

import org.jspecify.annotations.NullMarked;
