package org.openvpp.server.observe;

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
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.openvpp.server.api.FleetView;

/**
 * What the server tells a Prometheus scraper at {@code GET /metrics} (text format), and {@code GET
 * /health}: the JVM (memory, GC, threads, CPU, uptime), every HTTP request by method, route and
 * status ({@code http_server_requests_seconds}), and the VPP itself from the latest {@link
 * FleetView} (devices, online, fleet power, flexibility, events by state, how old the view is).
 *
 * <p>Threads: {@link #observe} from the run's thread, the rest from the web server's.
 */
public final class Metrics {

  /** A view older than this makes {@code /health} say the VPP is stale. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Optional<FleetView>> view = new AtomicReference<>(Optional.empty());
  private final AtomicReference<Instant> seenAt;
  private final InstantSource clock;

  public Metrics(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seenAt = new AtomicReference<>(clock.instant());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gauge("vpp_devices", "devices the VPP knows", v -> v.devices().size());
    gauge(
        "vpp_devices_online",
        "devices reporting within their stale time",
        v -> v.devices().stream().filter(FleetView.DeviceView::online).count());
    gauge("vpp_fleet_power_kw", "the fleet's power, load convention", v -> fleet(v).powerKw());
    gauge(
        "vpp_fleet_available_discharge_kw",
        "power the fleet can give now and hold",
        v -> fleet(v).availableDischargeKw());
    gauge(
        "vpp_fleet_dischargeable_kwh",
        "energy the fleet can give",
        v -> fleet(v).dischargeableKwh());
    for (String state : new String[] {"SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED"}) {
      Gauge.builder(
              "vpp_events",
              view,
              r ->
                  r.get()
                      .map(v -> v.events().stream().filter(e -> e.state().equals(state)).count())
                      .orElse(0L))
          .description("program events by state")
          .tag("state", state.toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    Gauge.builder(
            "vpp_view_age_seconds",
            seenAt,
            r -> Duration.between(r.get(), this.clock.instant()).toMillis() / 1000.0)
        .description("seconds since the run last published its state")
        .register(registry);
  }

  private static FleetView.GroupView fleet(FleetView v) {
    return v.groups().isEmpty()
        ? new FleetView.GroupView("fleet", java.util.Optional.empty(), 0, 0, 0, 0, 0, 0, 0, 0)
        : v.groups().get(0);
  }

  private void gauge(String name, String help, java.util.function.ToDoubleFunction<FleetView> f) {
    Gauge.builder(name, view, r -> r.get().map(f::applyAsDouble).orElse(Double.NaN))
        .description(help)
        .register(registry);
  }

  /** The run published {@code v}. */
  public void observe(FleetView v) {
    view.set(Optional.of(v));
    seenAt.set(clock.instant());
  }

  /** Adds {@code /metrics}, {@code /health} and the request timer to a Javalin configuration. */
  public void routes(JavalinConfig config) {
    config.routes.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    config.routes.get("/health", this::health);
    config.routes.before(ctx -> ctx.attribute("vpp.start", System.nanoTime()));
    config.routes.after(this::timed);
  }

  private void health(Context ctx) {
    Optional<FleetView> v = view.get();
    Duration age = Duration.between(seenAt.get(), clock.instant());
    String status = v.isEmpty() ? "starting" : age.compareTo(STALE_AFTER) > 0 ? "stale" : "up";
    ctx.status(status.equals("stale") ? 503 : 200)
        .contentType("application/json")
        .result(
            String.format(
                java.util.Locale.ROOT,
                "{\"status\":\"%s\",\"viewAgeSeconds\":%.1f,\"devices\":%d}",
                status,
                age.toMillis() / 1000.0,
                v.map(x -> x.devices().size()).orElse(0)));
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
