package org.openvpp.service.chargers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.device.Vehicle;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * How the service runs its OCPP central system.
 *
 * @param host the address it listens on, such as {@code 0.0.0.0}
 * @param port its port (0: a free one)
 * @param securityProfile 0 (no password: tests and chargers on this machine only), 1 (HTTP Basic)
 *     or 2 (HTTP Basic over TLS)
 * @param keystore the PKCS12 keystore with the central system's certificate and key: required for
 *     profile 2, refused otherwise
 * @param keystorePassword its password (from the environment, never a file); hidden by {@link
 *     #toString}
 * @param schemas the folder of the OCPP JSON schemas ({@code 1.6/} and {@code 2.0.1/})
 * @param vehicleCapacity the battery of the car a charger's twin assumes, when nothing says
 *     otherwise (OCPP does not tell it): with a state of charge it gives the energy stored
 */
public record OcppSettings(
    String host,
    int port,
    int securityProfile,
    Optional<Path> keystore,
    String keystorePassword,
    Path schemas,
    Energy vehicleCapacity) {

  /** The port unless configured. */
  public static final int DEFAULT_PORT = 9220;

  /** The car assumed on a charger: 60 kWh, about a mid-size electric car's usable battery. */
  public static final Energy DEFAULT_VEHICLE = Energy.ofKilowattHours(60);

  /**
   * @throws IllegalArgumentException for a port outside 0 to 65535, a profile other than 0, 1 or 2,
   *     profile 2 without a keystore, a keystore under another profile, or a vehicle capacity that
   *     is not positive, saying which
   */
  public OcppSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(schemas, "schemas");
    Objects.requireNonNull(vehicleCapacity, "vehicleCapacity");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the OCPP host is an address such as 0.0.0.0, not blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the OCPP port is 0 to 65535, not " + port);
    }
    if (securityProfile < 0 || securityProfile > 2) {
      throw new IllegalArgumentException(
          "the OCPP security profile is 0 (no password), 1 (HTTP Basic) or 2 (HTTP Basic over"
              + " TLS), not "
              + securityProfile);
    }
    if (securityProfile == 2 && keystore.isEmpty()) {
      throw new IllegalArgumentException(
          "OCPP security profile 2 is TLS: give the PKCS12 keystore with the central system's"
              + " certificate and key");
    }
    if (securityProfile != 2 && keystore.isPresent()) {
      throw new IllegalArgumentException(
          "an OCPP keystore is for security profile 2 (TLS), not profile " + securityProfile);
    }
    if (!(vehicleCapacity.kilowattHours() > 0)) {
      throw new IllegalArgumentException(
          "the assumed vehicle's capacity must be positive, was " + vehicleCapacity);
    }
  }

  /** Profile 0 on every address of {@code port}, schemas from {@code schemas}: for tests. */
  public static OcppSettings open(int port, Path schemas) {
    return new OcppSettings("0.0.0.0", port, 0, Optional.empty(), "", schemas, DEFAULT_VEHICLE);
  }

  /**
   * The folder of the OCPP schemas unless configured: the system property {@code
   * openvpp.ocpp.schemas} ({@code ./vpp} sets it to the shared specifications beside the
   * repository), else {@code ../shared/specs/ocpp} from the working folder.
   */
  public static Path defaultSchemas() {
    return Path.of(System.getProperty("openvpp.ocpp.schemas", "../shared/specs/ocpp"));
  }

  /** The car a charger's twin assumes: {@link #vehicleCapacity}, charging at the charger's rate. */
  Vehicle vehicle(Power chargerRate) {
    return new Vehicle(vehicleCapacity, chargerRate, false);
  }

  @Override
  public String toString() {
    return "OcppSettings[host="
        + host
        + ", port="
        + port
        + ", securityProfile="
        + securityProfile
        + ", keystore="
        + keystore
        + ", keystorePassword=(hidden), schemas="
        + schemas
        + ", vehicleCapacity="
        + vehicleCapacity
        + "]";
  }
}
