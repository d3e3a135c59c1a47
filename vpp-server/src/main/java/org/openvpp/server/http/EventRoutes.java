package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openvpp.program.Enrolment;
import org.openvpp.program.EventSource;
import org.openvpp.program.OptOut;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Site;
import org.openvpp.program.Targeting;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.service.Service;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.SiteResult;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * Events: the event books of every program (from operators and from the utility's VTN), with who
 * takes part, who opted out, what the VPP committed and, once measured, the M&amp;V. An operator
 * admin creates, cancels and extends them; a participant opts their own sites out by the program's
 * rules and sees the events of the programs they are in.
 */
final class EventRoutes {
  static final Set<String> STATES = Set.of("SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED");

  /**
   * The grid an event's window lies on: the service's metering and planning interval ({@code
   * Tuning.defaults()}); the control loop plans and measures whole intervals only.
   */
  static final java.time.Duration GRID = org.openvpp.service.control.Tuning.defaults().interval();

  record Measured(
      int revision,
      Instant measuredAt,
      double deliveredKwh,
      double committedKwh,
      long sitesMeasured,
      long sitesNotMeasured) {}

  record EventView(
      String id,
      String programId,
      String source,
      String state,
      Instant start,
      Instant end,
      Optional<Double> requestedKw,
      Optional<String> region,
      Optional<String> feeder,
      Instant createdAt,
      Instant stateSince,
      int participants,
      int optedOut,
      Optional<Double> committedKw,
      Optional<Measured> measurement) {}

  record NewEvent(
      String programId,
      Instant start,
      Instant end,
      Optional<Double> requestedKw,
      Optional<String> region,
      Optional<String> feeder) {}

  record Modification(Instant end, Optional<Instant> start, Optional<Double> requestedKw) {}

  record NewOptOut(String siteId) {}

  record OptOutView(String eventId, String siteId, Instant at) {}

  record SiteMeasurement(
      String siteId,
      String customerId,
      String status,
      String method,
      boolean fallback,
      List<LocalDate> referenceDays,
      String basis,
      double baselineKwh,
      double meteredKwh,
      double deliveredKwh,
      boolean optedOut) {}

  record Totals(
      double baselineKwh,
      double meteredKwh,
      double deliveredKwh,
      long measured,
      long notMeasured) {}

  record MeasurementView(
      String eventId,
      String programId,
      Instant start,
      Instant end,
      int revision,
      Instant measuredAt,
      double committedKw,
      double committedKwh,
      List<SiteMeasurement> sites,
      Totals totals) {}

  private final Service service;
  private final Owners owners;

  EventRoutes(Service service, Owners owners) {
    this.service = service;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/events",
        Roles.EVERYONE,
        Page.params("state", "program"),
        (ctx, p) -> {
          Predicate<EventView> keep = e -> true;
          Optional<String> state = Routes.param(ctx, "state");
          if (state.isPresent()) {
            String s = Routes.oneOf("state", state.get(), STATES);
            keep = keep.and(e -> e.state().equals(s));
          }
          Optional<String> program = Routes.param(ctx, "program");
          if (program.isPresent()) {
            keep = keep.and(e -> e.programId().equals(program.get()));
          }
          return Page.of(ctx, visible(p).stream().filter(keep).toList(), e -> e);
        });
    r.get(
        "/api/v1/events/{id}",
        Roles.EVERYONE,
        List.of(),
        (ctx, p) -> event(p, ctx.pathParam("id")));
    r.get(
        "/api/v1/events/{id}/measurement",
        Roles.EVERYONE,
        List.of(),
        (ctx, p) -> measurement(p, event(p, ctx.pathParam("id"))));
    r.post("/api/v1/events", "event.create", Roles.ADMIN, this::create);
    r.post(
        "/api/v1/events/{id}/cancellation",
        "event.cancel",
        Roles.ADMIN,
        (ctx, p, c) -> {
          EventView e = event(p, ctx.pathParam("id"));
          c.target(e.id());
          service.events().cancel(e.id());
          return Routes.Answer.created(event(p, e.id()));
        });
    r.post("/api/v1/events/{id}/modification", "event.modify", Roles.ADMIN, this::modify);
    r.post(
        "/api/v1/events/{id}/opt-outs",
        "event.opt-out",
        Roles.ADMIN_AND_PARTICIPANTS,
        this::optOut);
  }

  /** The events {@code p} may see, as of now: a participant those of programs they enrolled in. */
  private List<EventView> visible(Principal p) {
    Set<String> programs = new HashSet<>();
    if (p.role() == Role.PARTICIPANT) {
      Set<String> sites = new HashSet<>();
      for (Site s : service.register().sites()) {
        if (Owners.sees(p, s.customerId())) {
          sites.add(s.id());
        }
      }
      for (Enrolment e : service.register().enrolments()) {
        if (sites.contains(e.siteId())) {
          programs.add(e.programId());
        }
      }
    }
    Map<String, Double> committed = service.view().commitments();
    List<EventResult> results = service.view().measurements();
    return service
        .register()
        .locked(
            false,
            b -> {
              List<EventView> out = new ArrayList<>();
              for (ProgramEvent e : b.book().events()) {
                if (p.role() == Role.PARTICIPANT && !programs.contains(e.programId())) {
                  continue;
                }
                Set<String> who = b.book().participants(e.id());
                int out0 = 0;
                for (String s : who) {
                  out0 += b.book().optOutOf(e.id(), s).isPresent() ? 1 : 0;
                }
                out.add(view(e, who.size(), out0, committed, results));
              }
              return out;
            });
  }

  private static EventView view(
      ProgramEvent e,
      int participants,
      int optedOut,
      Map<String, Double> committed,
      List<EventResult> results) {
    Optional<Measured> measured =
        results.stream()
            .filter(r -> r.eventId().equals(e.id()))
            .findFirst()
            .map(
                r ->
                    new Measured(
                        r.revision(),
                        r.measuredAt(),
                        r.deliveredKwh(),
                        r.committedKwh(),
                        r.count(SiteResult.Status.MEASURED),
                        r.sites().size() - r.count(SiteResult.Status.MEASURED)));
    return new EventView(
        e.id(),
        e.programId(),
        e.source().name(),
        e.state().name(),
        e.window().start(),
        e.window().end(),
        e.requested().map(Power::kilowatts),
        e.targeting().region(),
        e.targeting().feeder(),
        e.createdAt(),
        e.stateSince(),
        participants,
        optedOut,
        Optional.ofNullable(committed.get(e.id())),
        measured);
  }

  private EventView event(Principal p, String id) {
    return visible(p).stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no event '" + id + "'; GET /api/v1/events lists them"));
  }

  private Routes.Answer create(Context ctx, Principal p, Routes.Change c) {
    NewEvent body = Bodies.json(ctx, NewEvent.class);
    c.target(body.programId() + " " + body.start() + "/" + body.end());
    window(body.start(), body.end());
    Optional<Power> requested = requested(body.requestedKw());
    if (service.register().program(body.programId()).isEmpty()) {
      throw ApiError.notFound(
          "no program '" + body.programId() + "'; GET /api/v1/programs lists them");
    }
    ProgramEvent e =
        service
            .events()
            .create(
                Optional.empty(),
                body.programId(),
                EventSource.OPERATOR,
                new Interval(body.start(), body.end()),
                new Targeting(body.region(), body.feeder()),
                requested);
    c.target(e.id() + " of " + e.programId() + " " + e.window());
    return Routes.Answer.created(event(p, e.id()));
  }

  /** Refuses a window that is empty or off the grid of whole intervals. */
  private static void window(Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw ApiError.badRequest("end must be after start, were " + start + " and " + end);
    }
    long grid = GRID.toSeconds();
    for (Instant t : List.of(start, end)) {
      if (t.getNano() != 0 || Math.floorMod(t.getEpochSecond(), grid) != 0) {
        throw ApiError.badRequest(
            "an event starts and ends on whole "
                + GRID.toMinutes()
                + " minutes (the VPP plans and measures whole intervals); "
                + t
                + " is not");
      }
    }
  }

  private static Optional<Power> requested(Optional<Double> kw) {
    if (kw.isPresent() && !(kw.get() > 0 && Double.isFinite(kw.get()))) {
      throw ApiError.badRequest("requestedKw must be a positive number, was " + kw.get());
    }
    return kw.map(Power::ofKilowatts);
  }

  private Routes.Answer modify(Context ctx, Principal p, Routes.Change c) {
    EventView e = event(p, ctx.pathParam("id"));
    Modification body = Bodies.json(ctx, Modification.class);
    Instant start = body.start().orElse(e.start());
    c.target(e.id() + " to " + start + "/" + body.end());
    window(start, body.end());
    Optional<Power> requested =
        body.requestedKw().isPresent()
            ? requested(body.requestedKw())
            : e.requestedKw().map(Power::ofKilowatts);
    service.events().modify(e.id(), new Interval(start, body.end()), requested);
    return Routes.Answer.created(event(p, e.id()));
  }

  private Routes.Answer optOut(Context ctx, Principal p, Routes.Change c) {
    EventView e = event(p, ctx.pathParam("id"));
    NewOptOut body = Bodies.json(ctx, NewOptOut.class);
    Site site = owners.site(p, body.siteId());
    c.target(e.id() + " " + site.id());
    OptOut o = service.events().optOut(e.id(), site.id());
    return Routes.Answer.created(new OptOutView(o.eventId(), o.siteId(), o.at()));
  }

  private MeasurementView measurement(Principal p, EventView e) {
    EventResult r =
        service.view().measurements().stream()
            .filter(x -> x.eventId().equals(e.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiError.notReady(
                        409,
                        "event '"
                            + e.id()
                            + "' is "
                            + e.state()
                            + " and not measured yet; it is measured from the meters an hour after"
                            + " it ends"));
    List<SiteMeasurement> sites = new ArrayList<>();
    double baseline = 0;
    double metered = 0;
    double delivered = 0;
    long measured = 0;
    for (SiteResult s : r.sites()) {
      if (!Owners.sees(p, s.customerId())) {
        continue;
      }
      sites.add(
          new SiteMeasurement(
              s.siteId(),
              s.customerId(),
              s.status().name(),
              s.method(),
              s.fallback(),
              s.referenceDays(),
              s.basis(),
              s.baselineKwh(),
              s.meteredKwh(),
              s.deliveredKwh(),
              s.optedOut()));
      if (s.status() == SiteResult.Status.MEASURED) {
        baseline += s.baselineKwh();
        metered += s.meteredKwh();
        delivered += s.deliveredKwh();
        measured++;
      }
    }
    return new MeasurementView(
        r.eventId(),
        r.programId(),
        r.window().start(),
        r.window().end(),
        r.revision(),
        r.measuredAt(),
        r.committedKw(),
        r.committedKwh(),
        sites,
        new Totals(baseline, metered, delivered, measured, sites.size() - measured));
  }
}
