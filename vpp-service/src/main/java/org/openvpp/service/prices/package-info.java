/** Day-ahead prices per market node, from a file or a URL, for planning. */
@NullMarked
package org.openvpp.service.prices;

import org.jspecify.annotations.NullMarked;
