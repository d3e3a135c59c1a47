package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.server.security.Principal;
import org.openvpp.service.Service;
import org.openvpp.service.fleet.PreferenceDesk;
import org.openvpp.service.view.FleetView;
import org.openvpp.units.Power;

/**
 * Devices: what the register links to a site (kind, capacity) beside what the twin reports as of
 * the latest view (online, power, stored energy, preferences) and whether the VPP may command it
 * now. A device is linked to a site by its owner or an operator admin; it registers itself by its
 * birth over the device protocol. Preferences go to the control loop, which applies them at its
 * next step; the request waits for the outcome (10 s at most).
 */
final class DeviceRoutes {
  private static final Set<String> KINDS = kinds();

  record Link(String siteId, String customerId, String kind, double capacityKw, Instant linkedAt) {}

  record Twin(
      Instant at,
      boolean online,
      boolean optedOut,
      double powerKw,
      double storedKwh,
      Optional<Double> temperatureC,
      Optional<Boolean> pluggedIn,
      FleetView.Preferences preferences) {}

  /**
   * A device: its link to a site (once linked), its twin (once it has registered), and whether the
   * VPP may command it now (a twin that is not opted out: enrolled, consent to control in force).
   */
  record DeviceView(
      String id, String kind, Optional<Link> link, Optional<Twin> twin, boolean commandable) {}

  record NewDevice(String deviceId, String kind, Double capacityKw) {}

  record PreferencesBody(
      Optional<Double> reserveKwh,
      Optional<Double> comfortLowC,
      Optional<Double> comfortHighC,
      Optional<String> readyBy) {}

  record Applied(String deviceId, Instant at) {}

  private final Service service;
  private final Owners owners;

  DeviceRoutes(Service service, Owners owners) {
    this.service = service;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/devices",
        Roles.OPERATORS_AND_PARTICIPANTS,
        Page.params("site", "kind", "online"),
        (ctx, p) -> {
          Predicate<DeviceView> keep = d -> true;
          Optional<String> site = Routes.param(ctx, "site");
          if (site.isPresent()) {
            keep = keep.and(d -> d.link().map(l -> l.siteId().equals(site.get())).orElse(false));
          }
          Optional<String> kind = Routes.param(ctx, "kind");
          if (kind.isPresent()) {
            String k = Routes.oneOf("kind", kind.get(), KINDS);
            keep = keep.and(d -> d.kind().equals(k));
          }
          Optional<String> online = Routes.param(ctx, "online");
          if (online.isPresent()) {
            boolean want = Routes.bool("online", online.get());
            keep = keep.and(d -> d.twin().map(t -> t.online() == want).orElse(!want));
          }
          return Page.of(ctx, visible(p).stream().filter(keep).toList(), d -> d);
        });
    r.get(
        "/api/v1/devices/{id}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of(),
        (ctx, p) -> device(p, ctx.pathParam("id")));
    r.post("/api/v1/sites/{id}/devices", "device.link", Roles.ADMIN_AND_PARTICIPANTS, this::link);
    r.put(
        "/api/v1/devices/{id}/preferences",
        "device.preferences",
        Roles.ADMIN_AND_PARTICIPANTS,
        this::preferences);
  }

  /** Every device {@code p} may see: twins in registration order, then links not yet born. */
  private List<DeviceView> visible(Principal p) {
    Map<String, SiteDevice> links = new HashMap<>();
    List<SiteDevice> linked = service.register().devices();
    for (SiteDevice d : linked) {
      links.put(d.id().value(), d);
    }
    Map<String, String> customerOf = new HashMap<>();
    for (Site s : service.register().sites()) {
      customerOf.put(s.id(), s.customerId());
    }
    FleetView v = service.view().fleet();
    List<DeviceView> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (FleetView.DeviceView t : v.devices()) {
      seen.add(t.id());
      Optional<Link> link = link(links.get(t.id()), customerOf);
      if (link.isEmpty() ? p.role().operator() : Owners.sees(p, link.get().customerId())) {
        Twin twin =
            new Twin(
                v.at(),
                t.online(),
                t.optedOut(),
                t.powerKw(),
                t.storedKwh(),
                t.temperatureC(),
                t.pluggedIn(),
                t.preferences());
        out.add(new DeviceView(t.id(), t.kind(), link, Optional.of(twin), !t.optedOut()));
      }
    }
    for (SiteDevice d : linked) {
      if (!seen.contains(d.id().value())) {
        Optional<Link> link = link(d, customerOf);
        if (link.isPresent() && Owners.sees(p, link.get().customerId())) {
          out.add(new DeviceView(d.id().value(), d.kind().name(), link, Optional.empty(), false));
        }
      }
    }
    return out;
  }

  private static Optional<Link> link(
      @org.jspecify.annotations.Nullable SiteDevice d, Map<String, String> customerOf) {
    if (d == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Link(
            d.siteId(),
            customerOf.getOrDefault(d.siteId(), ""),
            d.kind().name(),
            d.capacity().kilowatts(),
            d.linkedAt()));
  }

  private DeviceView device(Principal p, String id) {
    return visible(p).stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no device '" + id + "'; GET /api/v1/devices lists yours"));
  }

  private Routes.Answer link(Context ctx, Principal p, Routes.Change c) {
    Site site = owners.site(p, ctx.pathParam("id"));
    NewDevice body = Bodies.json(ctx, NewDevice.class);
    c.target(site.id() + " " + body.deviceId());
    DeviceId id;
    try {
      id = DeviceId.of(body.deviceId());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("deviceId: " + e.getMessage());
    }
    DeviceKind kind = ProgramRoutes.enumOf(DeviceKind.class, "kind", body.kind());
    double kw = body.capacityKw();
    if (!(kw > 0 && kw <= 1_000)) {
      throw ApiError.badRequest("capacityKw must be over 0 and at most 1000, was " + kw);
    }
    SiteDevice d = service.register().linkDevice(site.id(), id, kind, Power.ofKilowatts(kw));
    return Routes.Answer.created(
        new DeviceView(
            d.id().value(),
            d.kind().name(),
            Optional.of(
                new Link(
                    d.siteId(),
                    site.customerId(),
                    d.kind().name(),
                    d.capacity().kilowatts(),
                    d.linkedAt())),
            Optional.empty(),
            false));
  }

  private Routes.Answer preferences(Context ctx, Principal p, Routes.Change c)
      throws InterruptedException {
    DeviceView d = device(p, ctx.pathParam("id"));
    PreferencesBody body = Bodies.json(ctx, PreferencesBody.class);
    c.target(d.id() + " " + body);
    Optional<LocalTime> readyBy;
    try {
      readyBy = body.readyBy().map(LocalTime::parse);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "readyBy must be a time of day like 07:30, was '" + body.readyBy().orElse("") + "'");
    }
    for (Optional<Double> x : List.of(body.reserveKwh(), body.comfortLowC(), body.comfortHighC())) {
      if (x.isPresent() && !Double.isFinite(x.get())) {
        throw ApiError.badRequest("preferences are finite numbers");
      }
    }
    PreferenceDesk.Preferences asked =
        new PreferenceDesk.Preferences(
            body.reserveKwh(), body.comfortLowC(), body.comfortHighC(), readyBy);
    try {
      Instant at = service.preferences().submit(d.id(), asked).get(10, TimeUnit.SECONDS);
      return Routes.Answer.ok(new Applied(d.id(), at));
    } catch (ExecutionException x) {
      Throwable why = java.util.Objects.requireNonNullElse(x.getCause(), x);
      if (why instanceof IllegalArgumentException) {
        throw ApiError.badRequest(String.valueOf(why.getMessage()));
      }
      throw ApiError.notReady(503, String.valueOf(why.getMessage()));
    } catch (TimeoutException x) {
      throw ApiError.notReady(
          503,
          "the VPP did not take the preferences within 10 s (its control loop is behind); try again");
    }
  }

  private static Set<String> kinds() {
    Set<String> s = new HashSet<>();
    for (DeviceKind k : DeviceKind.values()) {
      s.add(k.name());
    }
    return Set.copyOf(s);
  }
}
