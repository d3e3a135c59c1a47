/** The simulated fleet as a separate process speaking the device protocol over MQTT. */
@NullMarked
package org.openvpp.server.sim;

import org.jspecify.annotations.NullMarked;
