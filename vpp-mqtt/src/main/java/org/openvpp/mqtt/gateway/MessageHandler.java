package org.openvpp.mqtt.gateway;

import org.openvpp.mqtt.protocol.Verdict;

/** Takes one device message as it came from the broker and says what became of it. */
@FunctionalInterface
public interface MessageHandler {
  Verdict accept(String topic, byte[] payload);
}
