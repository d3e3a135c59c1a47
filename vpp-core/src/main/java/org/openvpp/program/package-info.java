/**
 * Programs and their rules (kind, eligibility, caps, event limits, incentives, opt-out rules);
 * enrolment of customers' sites and devices with recorded consent, caps and a waiting list; program
 * events with their lifecycle, targeting, notices and opt-outs; and the answer dispatch asks: which
 * devices may be dispatched for an event at a given instant. See docs/settlement.md.
 */
@NullMarked
package org.openvpp.program;

import org.jspecify.annotations.NullMarked;
