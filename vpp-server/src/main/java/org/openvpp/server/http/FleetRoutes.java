package org.openvpp.server.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openvpp.service.Service;
import org.openvpp.service.view.FleetView;

/**
 * What the fleet does now, from the service's latest view: the aggregation tree's groups, dispatch
 * per program, the flexibility forecast, the day-ahead prices (today's and, once published,
 * tomorrow's), and the fleet's totals at each view so far. 503 {@code not_ready} until the service
 * has published its first view.
 */
final class FleetRoutes {
  record Fleet(Instant at, List<FleetView.GroupView> groups) {}

  record Group(
      String id,
      Optional<String> parent,
      List<String> children,
      int devices,
      int online,
      double powerKw,
      double storedKwh,
      double dischargeableKwh,
      double chargeableKwh,
      double availableDischargeKw,
      double availableChargeKw) {}

  record GroupPage(Instant at, int offset, int limit, int total, List<Group> items) {}

  record Dispatch(Instant at, List<FleetView.Dispatch> items) {}

  record Flexibility(
      Instant at,
      Instant madeAt,
      double offlineRate,
      int devices,
      int errorSamples,
      int sustainMinutes,
      List<FleetView.Band> latest,
      List<FleetView.Band> first,
      List<FleetView.Band> hourAhead,
      List<FleetView.Measured> measured) {}

  record Price(Instant start, Instant end, String usdPerMwh) {}

  record Prices(Instant at, String currency, List<Price> items) {}

  record History(Instant at, List<FleetHistory.Sample> items) {}

  private final Service service;
  private final FleetHistory history;

  FleetRoutes(Service service, FleetHistory history) {
    this.service = service;
    this.history = history;
  }

  /** The latest view, or 503 before the first. */
  static FleetView ready(Service service) {
    FleetView v = service.view().fleet();
    if (v.groups().isEmpty()) {
      throw ApiError.notReady(
          503,
          "the VPP has not published its state yet (its control loop has not taken a step); try"
              + " again in a few seconds");
    }
    return v;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/fleet",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          FleetView v = ready(service);
          return new Fleet(v.at(), v.groups());
        });
    r.get(
        "/api/v1/fleet/history",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> new History(ready(service).at(), history.samples()));
    r.get(
        "/api/v1/groups",
        Roles.OPERATORS_AND_PARTNERS,
        Page.params("parent"),
        (ctx, p) -> {
          FleetView v = ready(service);
          Predicate<FleetView.GroupView> keep = g -> true;
          Optional<String> parent = Routes.param(ctx, "parent");
          if (parent.isPresent()) {
            group(v, parent.get());
            keep = g -> g.parent().equals(parent);
          }
          Page<Group> page =
              Page.of(ctx, v.groups().stream().filter(keep).toList(), g -> group(v, g));
          return new GroupPage(v.at(), page.offset(), page.limit(), page.total(), page.items());
        });
    // A group's id has slashes in it (fleet ▸ program ▸ region ▸ feeder): <id> takes them.
    r.get(
        "/api/v1/groups/<id>",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          FleetView v = ready(service);
          return group(v, group(v, ctx.pathParam("id")));
        });
    r.get(
        "/api/v1/dispatch",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          FleetView v = ready(service);
          return new Dispatch(v.at(), v.dispatch());
        });
    r.get(
        "/api/v1/flexibility",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          FleetView v = ready(service);
          FleetView.Flexibility f =
              v.flexibility()
                  .orElseThrow(
                      () ->
                          ApiError.notReady(
                              409,
                              "the VPP forecasts its flexibility at every 15-minute boundary; it"
                                  + " has not made a forecast yet: try again shortly"));
          return new Flexibility(
              v.at(),
              f.madeAt(),
              f.offlineRate(),
              f.devices(),
              f.errorSamples(),
              60,
              f.latest(),
              f.first(),
              f.hourAhead(),
              f.measured());
        });
    r.get(
        "/api/v1/prices",
        Roles.EVERYONE,
        List.of(),
        (ctx, p) -> {
          FleetView v = ready(service);
          return new Prices(
              v.at(),
              "USD",
              v.prices().stream()
                  .map(x -> new Price(x.start(), x.end(), plain(x.usdPerMwh())))
                  .toList());
        });
  }

  private static String plain(BigDecimal d) {
    return d.setScale(Math.max(2, d.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  private static FleetView.GroupView group(FleetView v, String id) {
    return v.groups().stream()
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no group '" + id + "'; GET /api/v1/groups lists them"));
  }

  private static Group group(FleetView v, FleetView.GroupView g) {
    return new Group(
        g.id(),
        g.parent(),
        v.groups().stream()
            .filter(c -> c.parent().equals(Optional.of(g.id())))
            .map(FleetView.GroupView::id)
            .toList(),
        g.devices(),
        g.online(),
        g.powerKw(),
        g.storedKwh(),
        g.dischargeableKwh(),
        g.chargeableKwh(),
        g.availableDischargeKw(),
        g.availableChargeKw());
  }
}
