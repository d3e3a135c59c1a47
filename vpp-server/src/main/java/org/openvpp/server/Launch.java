package org.openvpp.server;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.server.http.HttpFace;
import org.openvpp.server.http.Security;
import org.openvpp.server.openadr.PartnerVtn;
import org.openvpp.server.platform.Platform;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Role;
import org.openvpp.server.security.Tokens;
import org.openvpp.service.Records;
import org.openvpp.service.Service;
import org.openvpp.service.chargers.CentralSystem;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.fleet.Edge;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.prices.PriceSources;
import org.openvpp.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the service with everything around it from {@link ServiceSettings}: the database and the
 * platform's records (accounts, the audit log, the key that signs tokens), the service's own
 * records, its clock (the wall's, or the world's it follows, standing where it last stood), its
 * price inputs and the utility's VTN, the gateway on the broker, the HTTP face, and the control
 * loop on a thread of its own. {@code ./vpp serve} and {@code ./vpp up} both start the service this
 * way; they differ only in their settings.
 *
 * <p>Threads: {@link #start} and {@link #close} on the caller's.
 */
public final class Launch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Launch.class);

  private final Optional<Database> db;
  private final Optional<Platform> platform;
  private final Accounts accounts;
  private final Service service;
  private final HttpFace face;
  private final Optional<PartnerVtn> partners;
  private final Optional<CentralSystem> ocpp;
  private final String where;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Launch(
      Optional<Database> db,
      Optional<Platform> platform,
      Accounts accounts,
      Service service,
      HttpFace face,
      Optional<PartnerVtn> partners,
      Optional<CentralSystem> ocpp,
      String where) {
    this.partners = partners;
    this.ocpp = ocpp;
    this.db = db;
    this.platform = platform;
    this.accounts = accounts;
    this.service = service;
    this.face = face;
    this.where = where;
  }

  /**
   * Starts it all.
   *
   * @throws IllegalStateException when something cannot start (the database, the broker, the
   *     utility's VTN, the port), saying what
   * @throws IllegalArgumentException when a price file is bad, saying which and where
   */
  public static Launch start(ServiceSettings s) {
    Ports.requireFree(s.httpPort(), "the API", "http.port");
    s.partners()
        .ifPresent(p -> Ports.requireFree(p.port(), "the VTN for partners", "openadr.port"));
    s.ocpp()
        .ifPresent(
            o -> Ports.requireFree(o.port(), "the OCPP central system for chargers", "ocpp.port"));
    Optional<Database> db =
        switch (s.database()) {
          case ServiceSettings.Postgres p ->
              Optional.of(Database.open(p.url(), p.user(), p.password()));
          case ServiceSettings.Embedded e -> Optional.of(Database.embedded(e.folder()));
          case ServiceSettings.InMemory m -> Optional.empty();
        };
    try {
      Optional<Platform> platform = db.map(d -> Platform.open(d, InstantSource.system()));
      Accounts accounts = platform.map(Platform::accounts).orElseGet(Accounts::new);
      // checked before anything starts: a refused start leaves nothing behind
      Optional<ServiceSettings.Admin> admin = s.admin().filter(a -> !accounts.exists(a.user()));
      admin
          .filter(a -> a.password().length() < 12)
          .ifPresent(
              a -> {
                throw new IllegalStateException(
                    "the first start makes the operator admin '"
                        + a.user()
                        + "': give it a password of at least 12 characters (VPP_ADMIN_PASSWORD)");
              });
      Tokens tokens = platform.map(Platform::tokens).orElseGet(Tokens::new);
      AuditLog audit = platform.map(Platform::audit).orElseGet(AuditLog::new);
      Records records = db.map(Records::in).orElseGet(Records::inMemory);
      ServiceClock clock =
          s.world().isPresent()
              ? ServiceClock.following(Instant.EPOCH, s.zone())
              : ServiceClock.wall(s.zone());
      Map<String, DayAheadPrices.PriceSource> sources = new LinkedHashMap<>();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      s.prices()
          .forEach(
              (node, where) ->
                  sources.put(
                      node,
                      where.contains("{date}")
                          ? PriceSources.url(where, http, Duration.ofSeconds(10))
                          : PriceSources.file(Path.of(where))));
      DayAheadPrices prices = new DayAheadPrices(s.zone(), sources, s.priceRegions());
      Map<String, List<String>> utilityPrograms =
          s.utility().map(u -> Map.of(u.program(), u.programs())).orElse(Map.of());
      Optional<VenConfig> ven =
          s.utility()
              .map(
                  u ->
                      VenConfig.of(
                              u.vtn(), u.clientId(), u.secret(), "openvpp", List.of(u.program()))
                          .withPolling(
                              u.poll(),
                              u.poll().compareTo(Duration.ofMinutes(10)) > 0
                                  ? u.poll()
                                  : Duration.ofMinutes(10)));
      MqttGateway.Settings gateway =
          new MqttGateway.Settings(
              s.broker().toString(),
              s.gatewayClientId(),
              BrokerAccess.GATEWAY_USER,
              s.gatewayPassword(),
              "vpp-gateway",
              1_000_000);
      Edge.Factory mqtt =
          MqttEdge.factory(gateway, s.world(), records.telemetryHistory(), s.tuning().step());
      Optional<CentralSystem.Factory> chargers =
          s.ocpp()
              .map(o -> CentralSystem.around(mqtt, o, records.state(), records.telemetryHistory()));
      Service.Parts parts =
          new Service.Parts(
              clock,
              s.tuning(),
              records,
              prices,
              utilityPrograms,
              ven,
              s.feeds(),
              s.feedsEvery(),
              s.settleAfter());
      Service service =
          chargers.isPresent()
              ? Service.assemble(parts, chargers.get())
              : Service.assemble(parts, mqtt);
      Optional<CentralSystem> ocpp = chargers.flatMap(CentralSystem.Factory::opened);
      HttpFace face;
      Optional<PartnerVtn> partners;
      try {
        face =
            HttpFace.start(
                service,
                Security.of(accounts, tokens, audit),
                s.httpPort(),
                ocpp.map(CentralSystem::operations));
        try {
          partners =
              s.partners()
                  .map(p -> PartnerVtn.start(p.port(), p.clients(), p.demoClient(), service));
        } catch (RuntimeException e) {
          face.close();
          throw e;
        }
      } catch (RuntimeException e) {
        service.close();
        throw e;
      }
      admin.ifPresent(
          a -> accounts.addUser(a.user(), a.password(), Role.OPERATOR_ADMIN, Optional.empty()));
      Launch l =
          new Launch(
              db,
              platform,
              accounts,
              service,
              face,
              partners,
              ocpp,
              switch (s.database()) {
                case ServiceSettings.Postgres p -> p.toString();
                case ServiceSettings.Embedded e -> e.folder() + " (embedded database)";
                case ServiceSettings.InMemory m -> "memory only (nothing is kept)";
              });
      service.start();
      LOG.info("the service runs: records in {}, API on port {}", l.where, face.port());
      ocpp.ifPresent(
          o ->
              LOG.info(
                  "OCPP central system for chargers on port {} (ws://host:port/ocpp/DEVICE-ID)",
                  o.port()));
      return l;
    } catch (RuntimeException e) {
      db.ifPresent(Database::close);
      throw e;
    }
  }

  public Service service() {
    return service;
  }

  public HttpFace face() {
    return face;
  }

  /** OpenVPP's VTN for partners, when it runs. */
  public Optional<PartnerVtn> partners() {
    return partners;
  }

  /** The OCPP central system for chargers, when it runs. */
  public Optional<CentralSystem> ocpp() {
    return ocpp;
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Where the records are kept, for people. */
  public String where() {
    return where;
  }

  /** The platform's records, when there is a database. */
  public Optional<Platform> platform() {
    return platform;
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      partners.ifPresent(PartnerVtn::close);
      service.close();
    } finally {
      try {
        face.close();
      } finally {
        platform.ifPresent(Platform::close);
        if (platform.isEmpty()) {
          db.ifPresent(Database::close);
        }
      }
    }
  }
}
