package org.openvpp.openadr.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT notifier binding's connection to the broker: publishes a notification to a topic with
 * QoS 1, without waiting for the broker's acknowledgement (Eclipse Paho, MQTT 5, reconnects by
 * itself). A publication the client cannot take (disconnected, too many in flight) is dropped,
 * counted and logged; the caller is never blocked. Thread-safe.
 */
public final class MqttNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttNotifier.class);

  private final MqttAsyncClient client;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private MqttNotifier(MqttAsyncClient client) {
    this.client = client;
  }

  /**
   * Connects to {@code broker} (for example {@code tcp://127.0.0.1:1883}), anonymously.
   *
   * @throws IllegalStateException if the broker cannot be reached within 10 s
   */
  public static MqttNotifier connect(URI broker) {
    try {
      MqttAsyncClient client =
          new MqttAsyncClient(
              broker.toString(), "openvpp-vtn-" + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setAutomaticReconnect(true);
      options.setCleanStart(true);
      options.setConnectionTimeout(10);
      client.connect(options).waitForCompletion(10_000);
      return new MqttNotifier(client);
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot connect the VTN's MQTT notifier to " + broker + ": " + e.getMessage(), e);
    }
  }

  /** Publishes {@code json} to {@code topic}. */
  public void publish(String topic, String json) {
    try {
      client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
      published.incrementAndGet();
    } catch (MqttException | RuntimeException e) {
      dropped.incrementAndGet();
      LOG.warn("MQTT notification to {} dropped: {}", topic, e.toString());
    }
  }

  /** Publications handed to the client. */
  public long published() {
    return published.get();
  }

  /** Publications dropped. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    try {
      client.disconnect().waitForCompletion(2_000);
    } catch (MqttException e) {
      LOG.debug("MQTT notifier disconnect: {}", e.toString());
    }
    try {
      client.close();
    } catch (MqttException e) {
      LOG.debug("MQTT notifier close: {}", e.toString());
    }
  }
}
