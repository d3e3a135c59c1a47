package org.openvpp.openadr.ven;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link Ven} connects to a VTN.
 *
 * @param vtn the VTN's base URL, for example {@code https://vtn.utility.example/openadr3/3.1.1}
 * @param version the OpenADR version the VTN speaks
 * @param clientId the client id the VTN's operator gave
 * @param clientSecret its secret
 * @param venName the VEN's name on the VTN (registered if missing, found if present)
 * @param resourceName the resource the VEN reports for (its whole fleet, for OpenVPP)
 * @param programNames the programs to follow, by their names on the VTN
 * @param pollPeriod how often to poll for events
 * @param maxBackoff the longest wait between tries when the VTN is unreachable
 * @param callback where to receive webhooks, if the VEN can be reached: the local address to listen
 *     on and the URL the VTN is to call (they differ behind a proxy)
 */
public record VenConfig(
    URI vtn,
    OpenAdrVersion version,
    String clientId,
    String clientSecret,
    String venName,
    String resourceName,
    List<String> programNames,
    Duration pollPeriod,
    Duration maxBackoff,
    Optional<Callback> callback) {

  /** A webhook receiver: listen on {@code bind}, be called at {@code url}. */
  public record Callback(InetSocketAddress bind, Optional<URI> url) {}

  public VenConfig {
    programNames = List.copyOf(programNames);
    if (programNames.isEmpty()) {
      throw new IllegalArgumentException("a VEN follows at least one program; none given");
    }
    if (pollPeriod.isNegative() || pollPeriod.isZero() || maxBackoff.compareTo(pollPeriod) < 0) {
      throw new IllegalArgumentException(
          "poll period must be positive and max back-off at least the period, were "
              + pollPeriod
              + " and "
              + maxBackoff);
    }
    if (clientId.isBlank() || venName.isBlank() || resourceName.isBlank()) {
      throw new IllegalArgumentException("client id, VEN name and resource name must not be blank");
    }
  }

  /**
   * OpenADR 3.1, polling every 30 s, backing off to 10 min, no webhooks, resource {@code fleet}.
   */
  public static VenConfig of(
      URI vtn, String clientId, String clientSecret, String venName, List<String> programs) {
    return new VenConfig(
        vtn,
        OpenAdrVersion.V3_1,
        clientId,
        clientSecret,
        venName,
        "fleet",
        programs,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        Optional.empty());
  }

  public VenConfig withVersion(OpenAdrVersion v) {
    return new VenConfig(
        vtn,
        v,
        clientId,
        clientSecret,
        venName,
        resourceName,
        programNames,
        pollPeriod,
        maxBackoff,
        callback);
  }

  public VenConfig withPolling(Duration period, Duration backoff) {
    return new VenConfig(
        vtn,
        version,
        clientId,
        clientSecret,
        venName,
        resourceName,
        programNames,
        period,
        backoff,
        callback);
  }

  public VenConfig withCallback(Callback c) {
    return new VenConfig(
        vtn,
        version,
        clientId,
        clientSecret,
        venName,
        resourceName,
        programNames,
        pollPeriod,
        maxBackoff,
        Optional.of(c));
  }

  @Override
  public String toString() {
    return "VenConfig["
        + vtn
        + ", "
        + version
        + ", client "
        + clientId
        + ", secret hidden, ven "
        + venName
        + ", programs "
        + programNames
        + "]";
  }
}
