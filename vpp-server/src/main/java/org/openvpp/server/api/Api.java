package org.openvpp.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.openvpp.server.api.FleetView.DeviceView;
import org.openvpp.server.api.FleetView.EventView;
import org.openvpp.server.api.FleetView.GroupView;
import org.openvpp.server.api.FleetView.ProgramView;

/**
 * The HTTP API (JSON, version 1, read-only for now) over the latest {@link FleetView}: the fleet's
 * groups, devices (paged, filtered), programs and events. Described by the OpenAPI document it
 * serves at {@code /openapi.json} (docs/api.md). Errors are a JSON object with a stable {@code
 * code}, a {@code message} saying what was wrong and what to do; see {@link ApiError}.
 *
 * <p>Threads: requests run on the web server's threads and read only the published, immutable view;
 * {@link #publish} swaps it atomically.
 */
public final class Api {

  /** The most items a page holds. */
  public static final int MAX_LIMIT = 500;

  private static final int DEFAULT_LIMIT = 100;
  private static final Set<String> KINDS =
      Set.of("BATTERY", "EV_CHARGER", "THERMOSTAT", "PV_INVERTER", "WATER_HEATER");
  private static final Set<String> STATES = Set.of("SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED");

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<Optional<FleetView>> view = new AtomicReference<>(Optional.empty());
  private final String openApi = resource("openapi.json");

  /** Makes {@code v} what the API shows from now on. */
  public void publish(FleetView v) {
    view.set(Optional.of(Objects.requireNonNull(v, "v")));
  }

  /** Adds the API's routes to a Javalin configuration. */
  public void routes(JavalinConfig config) {
    config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    config.routes.get("/api/v1/fleet", ctx -> send(ctx, fleet(current())));
    config.routes.get("/api/v1/devices", ctx -> send(ctx, devices(ctx, current())));
    config.routes.get(
        "/api/v1/devices/{id}",
        ctx -> {
          String id = ctx.pathParam("id");
          DeviceView d =
              current().devices().stream()
                  .filter(x -> x.id().equals(id))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          ApiError.notFound(
                              "no device '" + id + "'; GET /api/v1/devices lists them"));
          send(ctx, device(d));
        });
    config.routes.get("/api/v1/programs", ctx -> send(ctx, programs(current())));
    config.routes.get("/api/v1/events", ctx -> send(ctx, events(ctx, current())));
    config.routes.get(
        "/api/v1/events/{id}",
        ctx -> {
          String id = ctx.pathParam("id");
          EventView e =
              current().events().stream()
                  .filter(x -> x.id().equals(id))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          ApiError.notFound(
                              "no event '" + id + "'; GET /api/v1/events lists them"));
          send(ctx, event(e));
        });
    config.routes.exception(
        ApiError.class,
        (e, ctx) -> ctx.status(e.status()).contentType("application/json").result(e.json(json)));
  }

  private FleetView current() {
    return view.get()
        .orElseThrow(
            () ->
                new ApiError(
                    503,
                    "not_ready",
                    "the VPP has not published its state yet (the fleet is still connecting); try"
                        + " again in a few seconds"));
  }

  private void send(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(body.toString());
  }

  private ObjectNode fleet(FleetView v) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    ArrayNode groups = o.putArray("groups");
    for (GroupView g : v.groups()) {
      ObjectNode n = groups.addObject();
      n.put("id", g.id());
      n.put("devices", g.devices());
      n.put("online", g.online());
      n.put("powerKw", g.powerKw());
      n.put("storedKwh", g.storedKwh());
      n.put("dischargeableKwh", g.dischargeableKwh());
      n.put("chargeableKwh", g.chargeableKwh());
      n.put("availableDischargeKw", g.availableDischargeKw());
      n.put("availableChargeKw", g.availableChargeKw());
    }
    return o;
  }

  private ObjectNode devices(Context ctx, FleetView v) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Predicate<DeviceView> keep = d -> true;
    String kind = ctx.queryParam("kind");
    if (kind != null) {
      String k = kind.toUpperCase(Locale.ROOT);
      if (!KINDS.contains(k)) {
        throw ApiError.badRequest(
            "kind must be one of " + sorted(KINDS) + " (any case), was '" + kind + "'");
      }
      keep = keep.and(d -> d.kind().equals(k));
    }
    String online = ctx.queryParam("online");
    if (online != null) {
      boolean want = bool("online", online);
      keep = keep.and(d -> d.online() == want);
    }
    List<DeviceView> all = v.devices().stream().filter(keep).toList();
    ObjectNode o = page(v, offset, limit, all.size());
    ArrayNode items = o.putArray("items");
    for (int i = offset; i < Math.min(all.size(), offset + (long) limit); i++) {
      items.add(device(all.get(i)));
    }
    return o;
  }

  private ObjectNode device(DeviceView d) {
    ObjectNode n = json.createObjectNode();
    n.put("id", d.id());
    n.put("kind", d.kind());
    n.put("online", d.online());
    n.put("optedOut", d.optedOut());
    n.put("powerKw", d.powerKw());
    n.put("storedKwh", d.storedKwh());
    d.temperatureC().ifPresent(t -> n.put("temperatureC", t));
    d.pluggedIn().ifPresent(p -> n.put("pluggedIn", p));
    return n;
  }

  private ObjectNode programs(FleetView v) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    ArrayNode items = o.putArray("items");
    for (ProgramView p : v.programs()) {
      ObjectNode n = items.addObject();
      n.put("id", p.id());
      n.put("name", p.name());
      n.put("kind", p.kind());
      n.put("capacityCapKw", p.capacityCapKw());
      n.put("enrolled", p.enrolled());
      n.put("waiting", p.waiting());
    }
    return o;
  }

  private ObjectNode events(Context ctx, FleetView v) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Predicate<EventView> keep = e -> true;
    String state = ctx.queryParam("state");
    if (state != null) {
      String s = state.toUpperCase(Locale.ROOT);
      if (!STATES.contains(s)) {
        throw ApiError.badRequest(
            "state must be one of " + sorted(STATES) + " (any case), was '" + state + "'");
      }
      keep = keep.and(e -> e.state().equals(s));
    }
    String program = ctx.queryParam("program");
    if (program != null) {
      keep = keep.and(e -> e.programId().equals(program));
    }
    List<EventView> all = v.events().stream().filter(keep).toList();
    ObjectNode o = page(v, offset, limit, all.size());
    ArrayNode items = o.putArray("items");
    for (int i = offset; i < Math.min(all.size(), offset + (long) limit); i++) {
      items.add(event(all.get(i)));
    }
    return o;
  }

  private ObjectNode event(EventView e) {
    ObjectNode n = json.createObjectNode();
    n.put("id", e.id());
    n.put("programId", e.programId());
    n.put("state", e.state());
    n.put("start", e.start().toString());
    n.put("end", e.end().toString());
    e.requestedKw().ifPresent(kw -> n.put("requestedKw", kw));
    n.put("participants", e.participants());
    n.put("optedOut", e.optedOut());
    return n;
  }

  private ObjectNode page(FleetView v, int offset, int limit, int total) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    o.put("offset", offset);
    o.put("limit", limit);
    o.put("total", total);
    return o;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiError.badRequest(
        name
            + " must be a whole number in "
            + min
            + ".."
            + (max == Integer.MAX_VALUE ? "" : String.valueOf(max))
            + ", was '"
            + text
            + "'");
  }

  private static boolean bool(String name, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(name + " must be true or false, was '" + text + "'");
    };
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static String resource(String name) {
    try (InputStream in = Api.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
