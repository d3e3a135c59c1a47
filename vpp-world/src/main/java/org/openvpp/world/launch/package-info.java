/**
 * The launchers of the simulated world: {@code ./vpp up} (the world beside the service, in one
 * process, on the embedded defaults) and {@code ./vpp sim} (the world alone, against a service
 * elsewhere). The only classes of the world that know the service's code: they start it; the world
 * itself speaks to it through the broker and HTTP.
 */
@NullMarked
package org.openvpp.world.launch;

import org.jspecify.annotations.NullMarked;
