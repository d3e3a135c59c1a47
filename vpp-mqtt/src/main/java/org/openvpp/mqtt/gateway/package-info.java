/**
 * The device gateway: takes device messages from the broker, validates them, and applies them to
 * the twins (and so to the aggregation tree).
 */
@NullMarked
package org.openvpp.mqtt.gateway;

import org.jspecify.annotations.NullMarked;
