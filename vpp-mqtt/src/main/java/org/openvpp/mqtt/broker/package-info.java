/**
 * MQTT brokers OpenVPP runs itself, with the protocol's users and access rules: the embedded HiveMQ
 * CE broker of {@code ./vpp up}, and a Mosquitto child process for tests and benchmarks.
 */
@NullMarked
package org.openvpp.mqtt.broker;

import org.jspecify.annotations.NullMarked;
