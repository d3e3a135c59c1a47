/**
 * A stand-in utility: an OpenADR 3 VTN of its own whose business logic publishes, changes and
 * cancels the season's events at the world's times.
 */
@NullMarked
package org.openvpp.world.utility;

import org.jspecify.annotations.NullMarked;
