/**
 * Settlement over the season: per-event payments (reversed and posted again when an event is
 * measured again), monthly capacity payments, lease fees and credits, statements, the utility's
 * invoice and capacity accreditation, in one ledger.
 */
@NullMarked
package org.openvpp.service.settle;

import org.jspecify.annotations.NullMarked;
