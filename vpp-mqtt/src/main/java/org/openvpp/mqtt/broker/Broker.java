package org.openvpp.mqtt.broker;

/**
 * An MQTT broker OpenVPP started itself, listening on the loopback interface with the protocol's
 * users and access rules ({@link BrokerAccess}): the embedded one of {@code ./vpp up} or a
 * Mosquitto child process.
 */
public interface Broker extends AutoCloseable {

  /** The port it listens on. */
  int port();

  /** Where clients connect, {@code tcp://127.0.0.1:PORT}. */
  default String uri() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Stops the broker; its clients are disconnected. */
  @Override
  void close() throws java.io.IOException;
}
