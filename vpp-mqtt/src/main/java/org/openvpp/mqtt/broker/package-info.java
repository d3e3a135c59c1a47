/** MQTT brokers OpenVPP runs itself: a Mosquitto child process for tests and benchmarks. */
@NullMarked
package org.openvpp.mqtt.broker;

import org.jspecify.annotations.NullMarked;
