package org.openvpp.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.service.Service;
import org.openvpp.service.view.FleetView;
import org.openvpp.service.view.ServiceView;

/**
 * {@code GET /metrics} for a Prometheus scraper (text format, Micrometer): the JVM, every HTTP
 * request by method, route and status ({@code http_server_requests_seconds}), and the service read
 * from its latest view at each scrape: devices, online, fleet power and flexibility, events by
 * state, meter readings by verdict, control steps, failed plans and open alerts, and the view's age
 * in the service's time.
 *
 * <p>Threads: Jetty's; the gauges read the service's published view, which is immutable.
 */
final class ServiceMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Service service;

  ServiceMetrics(Service service) {
    this.service = service;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gauge("vpp_devices", "devices the VPP knows", v -> v.fleet().devices().size());
    gauge(
        "vpp_devices_online",
        "devices reporting within their stale time",
        v -> v.fleet().devices().stream().filter(FleetView.DeviceView::online).count());
    gauge("vpp_fleet_power_kw", "the fleet's power, load convention", v -> fleet(v).powerKw());
    gauge(
        "vpp_fleet_available_discharge_kw",
        "power the fleet can give now and hold",
        v -> fleet(v).availableDischargeKw());
    gauge(
        "vpp_fleet_dischargeable_kwh",
        "energy the fleet can give",
        v -> fleet(v).dischargeableKwh());
    gauge("vpp_steps", "control steps taken since the service started", ServiceView::steps);
    gauge(
        "vpp_plan_failures",
        "plans that failed since the service started (a fallback was followed)",
        ServiceView::planFailures);
    gauge(
        "vpp_alerts",
        "parts of the service that failed and fell back, not yet recovered",
        v -> v.alerts().size());
    gauge(
        "vpp_view_age_seconds",
        "the service's time since its latest view",
        v -> Duration.between(v.at(), service.clock().instant()).toMillis() / 1000.0);
    for (String state : new String[] {"SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED"}) {
      Gauge.builder(
              "vpp_events",
              service,
              s -> s.view().fleet().events().stream().filter(e -> e.state().equals(state)).count())
          .description("program events by state")
          .tag("state", state.toLowerCase(Locale.ROOT))
          .register(registry);
    }
    for (ReadingVerdict verdict : ReadingVerdict.values()) {
      Gauge.builder(
              "vpp_meter_readings", service, s -> s.view().readings().getOrDefault(verdict, 0L))
          .description("meter readings judged since the service started, by verdict")
          .tag("verdict", verdict.key())
          .register(registry);
    }
  }

  private static FleetView.GroupView fleet(ServiceView v) {
    return v.fleet().groups().isEmpty()
        ? new FleetView.GroupView("fleet", java.util.Optional.empty(), 0, 0, 0, 0, 0, 0, 0, 0)
        : v.fleet().groups().get(0);
  }

  private void gauge(String name, String help, ToDoubleFunction<ServiceView> f) {
    Gauge.builder(name, service, s -> f.applyAsDouble(s.view()))
        .description(help)
        .register(registry);
  }

  /** Adds {@code /metrics} and the request timer. */
  void routes(JavalinConfig config) {
    config.routes.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    config.routes.before(ctx -> ctx.attribute("vpp.start", System.nanoTime()));
    config.routes.after(this::timed);
  }

  private void timed(Context ctx) {
    Object start = ctx.attribute("vpp.start");
    if (!(start instanceof Long t0)) {
      return;
    }
    io.javalin.router.Endpoint e = ctx.endpoints().matchedHttpEndpoint();
    String route = e == null ? "unmatched" : e.path;
    Timer.builder("http_server_requests")
        .description("HTTP requests served")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", String.valueOf(ctx.status().getCode()))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - t0));
  }
}
