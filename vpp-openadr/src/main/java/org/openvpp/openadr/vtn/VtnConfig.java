package org.openvpp.openadr.vtn;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a VTN runs: where it listens ({@code port} 0 picks a free one), the base path before the
 * definition's paths, how long its access tokens last, how it retries webhooks, and the MQTT broker
 * of its MQTT notifier, if it has one.
 *
 * @param mqttBroker the broker the VTN publishes notifications to, for example {@code
 *     tcp://127.0.0.1:1883}; empty for webhooks only
 * @param mqttTopicPrefix the first level of every MQTT topic the VTN publishes
 * @param strictCallbacks whether subscription callback URLs must be HTTPS on public addresses (the
 *     Definition's rule); false allows plain HTTP and local addresses, for tests and trials
 * @param tls the VTN's certificate and key, for HTTPS (TLS 1.2+); empty for plain HTTP
 */
public record VtnConfig(
    String host,
    int port,
    String basePath,
    Duration tokenLifetime,
    int webhookAttempts,
    Duration webhookRetryDelay,
    Duration webhookTimeout,
    int webhookQueue,
    Optional<URI> mqttBroker,
    String mqttTopicPrefix,
    boolean strictCallbacks,
    Optional<TlsConfig> tls) {

  /** The base path the Definition uses in its examples, for this version. */
  public static final String DEFAULT_BASE_PATH = "/openadr3/3.1.1";

  public VtnConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
      throw new IllegalArgumentException(
          "basePath must be empty or start and not end with '/', was " + basePath);
    }
    if (webhookAttempts < 1 || webhookQueue < 1) {
      throw new IllegalArgumentException("webhook attempts and queue must be at least 1");
    }
    if (mqttTopicPrefix.isEmpty()
        || mqttTopicPrefix.contains("+")
        || mqttTopicPrefix.contains("#")) {
      throw new IllegalArgumentException("bad MQTT topic prefix: " + mqttTopicPrefix);
    }
  }

  /**
   * Loopback, the given port, the default base path, 1 h tokens, webhooks only (3 tries, 1 s then 2
   * s apart, 10 s timeout), strict callback URLs.
   */
  public static VtnConfig onPort(int port) {
    return new VtnConfig(
        "127.0.0.1",
        port,
        DEFAULT_BASE_PATH,
        Duration.ofHours(1),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        10_000,
        Optional.empty(),
        "openadr3",
        true,
        Optional.empty());
  }

  public VtnConfig withWebhookRetries(int attempts, Duration retryDelay) {
    return new VtnConfig(
        host,
        port,
        basePath,
        tokenLifetime,
        attempts,
        retryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        strictCallbacks,
        tls);
  }

  public VtnConfig withTokenLifetime(Duration lifetime) {
    return new VtnConfig(
        host,
        port,
        basePath,
        lifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        strictCallbacks,
        tls);
  }

  public VtnConfig withMqtt(URI broker, String topicPrefix) {
    return new VtnConfig(
        host,
        port,
        basePath,
        tokenLifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        Optional.of(broker),
        topicPrefix,
        strictCallbacks,
        tls);
  }

  /** The same, with plain HTTP and local callback URLs allowed: for tests and trials only. */
  public VtnConfig withLocalCallbacks() {
    return new VtnConfig(
        host,
        port,
        basePath,
        tokenLifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        false,
        tls);
  }

  /** The same on {@code newPort}. */
  public VtnConfig withPort(int newPort) {
    return new VtnConfig(
        host,
        newPort,
        basePath,
        tokenLifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        strictCallbacks,
        tls);
  }

  /** The same, serving HTTPS with {@code tlsConfig}. */
  public VtnConfig withTls(TlsConfig tlsConfig) {
    return new VtnConfig(
        host,
        port,
        basePath,
        tokenLifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        strictCallbacks,
        Optional.of(tlsConfig));
  }

  /** The same, listening on {@code address} (for example {@code 0.0.0.0} for every interface). */
  public VtnConfig withHost(String address) {
    return new VtnConfig(
        address,
        port,
        basePath,
        tokenLifetime,
        webhookAttempts,
        webhookRetryDelay,
        webhookTimeout,
        webhookQueue,
        mqttBroker,
        mqttTopicPrefix,
        strictCallbacks,
        tls);
  }
}
