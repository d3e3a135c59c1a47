/** The web dashboard: a page showing the fleet's power live, fed by server-sent events. */
@NullMarked
package org.openvpp.server.web;

import org.jspecify.annotations.NullMarked;
