/**
 * Measurement and verification: what the load would have been without an event (the baseline)
 * against what the meters say it was, interval by interval.
 */
@NullMarked
package org.openvpp.mv;

import org.jspecify.annotations.NullMarked;
