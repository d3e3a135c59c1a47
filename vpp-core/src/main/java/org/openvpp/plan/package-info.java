/** Planning: target power per group per interval, chosen against events, prices and envelopes. */
@NullMarked
package org.openvpp.plan;

import org.jspecify.annotations.NullMarked;
