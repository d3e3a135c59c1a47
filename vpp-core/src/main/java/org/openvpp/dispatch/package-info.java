/**
 * Dispatch: turns a group target into device commands and corrects, every control step, with the
 * power the twins report (closed loop).
 */
@NullMarked
package org.openvpp.dispatch;

import org.jspecify.annotations.NullMarked;
