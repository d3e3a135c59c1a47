/** Project finance for a fleet owner: cash flows by year, NPV, IRR, payback, debt coverage. */
@NullMarked
package org.openvpp.finance;

import org.jspecify.annotations.NullMarked;
