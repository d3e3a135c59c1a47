package org.openvpp.ocpp.server;

import java.time.Duration;
import java.util.Optional;

/**
 * How the central system listens.
 *
 * @param host the address to bind, such as {@code 0.0.0.0}
 * @param port the port; 0 for any free one
 * @param callTimeout how long the central system waits for the answer to its own CALL
 * @param sweepEvery how often a timer fails the CALLs past their timeout; {@link Duration#ZERO} for
 *     no timer (the owner calls {@link OcppServer#expireCalls} itself, as tests do)
 * @param maxMessageChars the longest message read; a longer one is refused with a CALLERROR
 * @param securityProfile how chargers connect: no password (0, tests only), HTTP Basic (1), or TLS
 *     and HTTP Basic (2)
 * @param keystore the certificate and key for TLS; profile 2 does not start without one
 */
public record OcppConfig(
    String host,
    int port,
    Duration callTimeout,
    Duration sweepEvery,
    int maxMessageChars,
    SecurityProfile securityProfile,
    Optional<TlsKeystore> keystore) {
  /** The port of the central system unless configured: 9220. */
  public static final int DEFAULT_PORT = 9220;

  public OcppConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, not " + callTimeout);
    }
    if (sweepEvery.isNegative()) {
      throw new IllegalArgumentException("sweepEvery must not be negative, not " + sweepEvery);
    }
    if (maxMessageChars < 1_024) {
      throw new IllegalArgumentException(
          "maxMessageChars must be at least 1024, not " + maxMessageChars);
    }
  }

  /**
   * All addresses, port {@value #DEFAULT_PORT}, 30 s for an answer, swept every second, messages up
   * to 64 KiB characters, security profile 0 (no password: set a profile before chargers connect
   * over a network).
   */
  public static OcppConfig defaults() {
    return new OcppConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        65_536,
        SecurityProfile.NONE,
        Optional.empty());
  }

  /** This configuration on {@code port}. */
  public OcppConfig withPort(int port) {
    return new OcppConfig(
        host, port, callTimeout, sweepEvery, maxMessageChars, securityProfile, keystore);
  }

  /** This configuration with {@code sweepEvery}. */
  public OcppConfig withSweepEvery(Duration sweepEvery) {
    return new OcppConfig(
        host, port, callTimeout, sweepEvery, maxMessageChars, securityProfile, keystore);
  }

  /** This configuration with {@code callTimeout}. */
  public OcppConfig withCallTimeout(Duration callTimeout) {
    return new OcppConfig(
        host, port, callTimeout, sweepEvery, maxMessageChars, securityProfile, keystore);
  }

  /** This configuration with {@code securityProfile}. */
  public OcppConfig withSecurityProfile(SecurityProfile securityProfile) {
    return new OcppConfig(
        host, port, callTimeout, sweepEvery, maxMessageChars, securityProfile, keystore);
  }

  /** This configuration with the TLS keystore {@code keystore}. */
  public OcppConfig withKeystore(TlsKeystore keystore) {
    return new OcppConfig(
        host,
        port,
        callTimeout,
        sweepEvery,
        maxMessageChars,
        securityProfile,
        Optional.of(keystore));
  }
}
