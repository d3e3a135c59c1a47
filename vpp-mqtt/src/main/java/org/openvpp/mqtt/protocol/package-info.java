/**
 * The MQTT device protocol, version 1 ({@code docs/device-protocol.md}): topics, payload codecs and
 * the reasons a message is refused. No I/O: bytes in, values or reasons out.
 */
@NullMarked
package org.openvpp.mqtt.protocol;

import org.jspecify.annotations.NullMarked;
