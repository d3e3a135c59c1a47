/** The command line: {@code ./vpp up} and its options. */
@NullMarked
package org.openvpp.server.cli;

import org.jspecify.annotations.NullMarked;
