package org.openvpp.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.server.security.AuditLog;
import org.openvpp.service.Service;
import org.openvpp.service.events.EventDesk;
import org.openvpp.service.view.Alert;
import org.openvpp.service.view.ServiceView;

/**
 * How the service is doing: its time and steps, what crossed its edges (telemetry accepted, late,
 * refused by reason; meter readings by verdict), the events programs refused, the register's size;
 * {@code /health} for probes; the audit log for operator admins.
 */
final class StatusRoutes {
  /** A view older than this (in the service's time) makes {@code /health} say stale. */
  static final Duration STALE_AFTER = Duration.ofMinutes(30);

  /** How many of the programs' refusals {@code /status} lists (the newest). */
  static final int REFUSALS_LISTED = 20;

  record Register(
      int programs, int customers, int sites, int devices, int consents, int enrolments) {}

  record Status(
      Instant serviceTime,
      boolean simulatedClock,
      Instant viewAt,
      long steps,
      Map<String, Long> telemetry,
      Map<String, Long> readings,
      int eventsRefused,
      List<EventDesk.Refusal> refusals,
      Register register,
      Optional<String> failure) {}

  record Health(
      String status,
      Instant serviceTime,
      Instant viewAt,
      double viewAgeSeconds,
      int devices,
      long steps,
      List<Alert> alerts) {}

  record Entry(
      Instant at, String subject, String role, String action, String target, String outcome) {
    static Entry of(AuditLog.Entry e) {
      return new Entry(e.at(), e.subject(), e.role().name(), e.action(), e.target(), e.outcome());
    }
  }

  private final Service service;
  private final AuditLog audit;

  StatusRoutes(Service service, AuditLog audit) {
    this.service = service;
    this.audit = audit;
  }

  void declare(Routes r) {
    r.get("/api/v1/status", Roles.OPERATORS_AND_PARTNERS, List.of(), (ctx, p) -> status());
    r.get(
        "/api/v1/audit",
        Roles.ADMIN,
        Page.PARAMS,
        (ctx, p) -> Page.of(ctx, audit.entries(), Entry::of));
  }

  /** {@code GET /health}: no token, for probes. */
  void health(JavalinConfig config) {
    config.routes.get("/health", this::health);
  }

  private Status status() {
    ServiceView v = service.view();
    Map<String, Long> readings = new TreeMap<>();
    v.readings().forEach((k, n) -> readings.put(k.key(), n));
    List<EventDesk.Refusal> refusals = v.refusals();
    var reg = service.register();
    return new Status(
        service.clock().instant(),
        service.clock().follows(),
        v.at(),
        v.steps(),
        new TreeMap<>(v.telemetry()),
        readings,
        refusals.size(),
        refusals.subList(Math.max(0, refusals.size() - REFUSALS_LISTED), refusals.size()),
        new Register(
            reg.programs().size(),
            reg.customers().size(),
            reg.sites().size(),
            reg.devices().size(),
            reg.consents().size(),
            reg.enrolments().size()),
        service.failure().map(Throwable::toString));
  }

  private void health(Context ctx) {
    Routes.onlyParams(ctx, List.of());
    ServiceView v = service.view();
    Instant now = service.clock().instant();
    Duration age = Duration.between(v.at(), now);
    String status;
    if (service.failure().isPresent()) {
      status = "failed";
    } else if (v.fleet().groups().isEmpty()) {
      status = "starting";
    } else if (age.compareTo(STALE_AFTER) > 0) {
      status = "stale";
    } else if (!v.alerts().isEmpty()) {
      status = "degraded";
    } else {
      status = "up";
    }
    Routes.send(
        ctx,
        new Routes.Answer(
            status.equals("up") || status.equals("starting") || status.equals("degraded")
                ? 200
                : 503,
            Optional.of(
                new Health(
                    status,
                    now,
                    v.at(),
                    Math.max(0, age.toMillis()) / 1000.0,
                    v.fleet().devices().size(),
                    v.steps(),
                    v.alerts()))));
  }
}
