package org.openvpp.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.metering.ConnectPoller;

/**
 * Everything the service is started with: where its records are, the broker, the port, its clock,
 * its inputs (prices, the utility's VTN, Green Button feeds) and how it runs. {@code ./vpp serve}
 * reads it from its configuration file ({@link ServeConfig}); {@code ./vpp up} makes it for the
 * world it starts beside the service.
 *
 * @param database where the records are kept
 * @param broker the MQTT broker the devices and meters meet the gateway on
 * @param gatewayPassword the gateway's broker password (user {@code vpp-gateway})
 * @param gatewayClientId the gateway's MQTT client id: its persistent session
 * @param httpPort the API's and the pages' port (0: a free one)
 * @param zone the zone days and months are reckoned in
 * @param world the device cloud of a simulated world whose clock the service follows; empty: the
 *     wall clock
 * @param prices each market node's price source: a file, or a URL with {@code {date}}
 * @param priceRegions the node of each region
 * @param utility the utility's VTN OpenVPP's VEN follows, if any
 * @param feeds Green Button Connect feeds, one per site
 * @param feedsEvery how often they are polled
 * @param tuning what the control loop assumes of the devices
 * @param settleAfter how long after an event it is first measured
 * @param admin the operator admin made on the first start, with its password (empty: none)
 * @param partners OpenVPP's own OpenADR VTN for partners' VENs (empty: none)
 * @param ocpp the OCPP central system for EV chargers (empty: none)
 */
public record ServiceSettings(
    Database database,
    URI broker,
    String gatewayPassword,
    String gatewayClientId,
    int httpPort,
    ZoneId zone,
    Optional<String> world,
    Map<String, String> prices,
    Map<String, String> priceRegions,
    Optional<Utility> utility,
    List<ConnectPoller.Feed> feeds,
    Duration feedsEvery,
    Tuning tuning,
    Duration settleAfter,
    Optional<Admin> admin,
    Optional<Partners> partners,
    Optional<OcppSettings> ocpp) {

  /** Settings without the OCPP central system. */
  public ServiceSettings(
      Database database,
      URI broker,
      String gatewayPassword,
      String gatewayClientId,
      int httpPort,
      ZoneId zone,
      Optional<String> world,
      Map<String, String> prices,
      Map<String, String> priceRegions,
      Optional<Utility> utility,
      List<ConnectPoller.Feed> feeds,
      Duration feedsEvery,
      Tuning tuning,
      Duration settleAfter,
      Optional<Admin> admin,
      Optional<Partners> partners) {
    this(
        database,
        broker,
        gatewayPassword,
        gatewayClientId,
        httpPort,
        zone,
        world,
        prices,
        priceRegions,
        utility,
        feeds,
        feedsEvery,
        tuning,
        settleAfter,
        admin,
        partners,
        Optional.empty());
  }

  public ServiceSettings {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(gatewayPassword, "gatewayPassword");
    Objects.requireNonNull(gatewayClientId, "gatewayClientId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(world, "world");
    prices = Map.copyOf(prices);
    priceRegions = Map.copyOf(priceRegions);
    Objects.requireNonNull(utility, "utility");
    feeds = List.copyOf(feeds);
    Objects.requireNonNull(feedsEvery, "feedsEvery");
    Objects.requireNonNull(tuning, "tuning");
    Objects.requireNonNull(settleAfter, "settleAfter");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(partners, "partners");
    Objects.requireNonNull(ocpp, "ocpp");
  }

  /** These settings with the OCPP central system {@code ocpp}. */
  public ServiceSettings withOcpp(OcppSettings ocpp) {
    return new ServiceSettings(
        database,
        broker,
        gatewayPassword,
        gatewayClientId,
        httpPort,
        zone,
        world,
        prices,
        priceRegions,
        utility,
        feeds,
        feedsEvery,
        tuning,
        settleAfter,
        admin,
        partners,
        Optional.of(ocpp));
  }

  /** Where the records are kept. */
  public sealed interface Database {}

  /** PostgreSQL, the system of record of {@code ./vpp serve}. */
  public record Postgres(String url, String user, String password) implements Database {
    @Override
    public String toString() {
      return url + " as " + user;
    }
  }

  /** The embedded H2 database in a folder, {@code ./vpp up}'s default. */
  public record Embedded(Path folder) implements Database {}

  /** Nothing kept: memory only ({@code ./vpp up --no-store}). */
  public record InMemory() implements Database {}

  /**
   * The utility's VTN and what OpenVPP's VEN does with it.
   *
   * @param vtn its base URL
   * @param program the utility's program the VEN follows (by name)
   * @param programs the OpenVPP programs its events are booked in
   * @param clientId the VEN client the utility gave OpenVPP
   * @param secret its secret
   * @param poll how often the VEN polls
   */
  public record Utility(
      URI vtn,
      String program,
      List<String> programs,
      String clientId,
      String secret,
      Duration poll) {
    public Utility {
      programs = List.copyOf(programs);
    }

    @Override
    public String toString() {
      return "Utility[" + vtn + ", program " + program + " into " + programs + "]";
    }
  }

  /** The operator admin made on the first start. */
  public record Admin(String user, String password) {
    @Override
    public String toString() {
      return "Admin[" + user + "]";
    }
  }

  /**
   * OpenVPP's VTN for partners.
   *
   * @param port its port (loopback; 0: a free one; the default port falls back to a free one)
   * @param clients its clients file ({@code ./vpp openadr client create})
   * @param demoClient whether to make one demo VEN client, for this run only, when the file does
   *     not exist ({@code ./vpp up}; a served VTN never invents credentials)
   */
  public record Partners(int port, Path clients, boolean demoClient) {}
}
