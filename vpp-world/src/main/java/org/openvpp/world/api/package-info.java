/**
 * The service's HTTP API as the world (and its evaluation) call it: a machine client with a token.
 */
@NullMarked
package org.openvpp.world.api;

import org.jspecify.annotations.NullMarked;
