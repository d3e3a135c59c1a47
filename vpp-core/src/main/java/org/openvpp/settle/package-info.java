/**
 * Settlement: incentives from measured performance and program rules, posted to a double-entry
 * ledger of immutable, balanced transactions in exact money (with a compact batch form for a whole
 * fleet); monthly participant statements; program economics; capacity accreditation. See
 * docs/settlement.md.
 */
@NullMarked
package org.openvpp.settle;

import org.jspecify.annotations.NullMarked;
