package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.EventLimits;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramKind;
import org.openvpp.server.security.Principal;
import org.openvpp.service.register.Register;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * Programs: everyone reads them; an operator admin creates one or replaces one whole (its rules
 * then apply to new requests). The body is the whole core {@link Program}; what its constructors
 * refuse is a 400 with their message.
 */
final class ProgramRoutes {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  record Limits(
      Instant seasonStart,
      Instant seasonEnd,
      Integer maxEventsPerSeason,
      Integer maxEventLengthMinutes,
      Double maxSeasonHours,
      Integer minNoticeMinutes) {}

  record Pay(
      Optional<String> perKwMonth,
      Optional<String> perKwh,
      Optional<String> perEvent,
      Optional<String> leaseFeeMonth,
      Optional<String> leaseCreditPerEvent,
      Optional<String> revenueShare) {}

  record OptOut(Integer maxPerSeason, Integer cutoffMinutes, Boolean duringEvent) {}

  record Measurement(String baseline, String fallback) {}

  record Buyer(Optional<String> perKwh, Optional<String> perKwMonth) {}

  /** A program as the API reads and writes it. */
  record ProgramBody(
      String id,
      String name,
      String kind,
      List<String> eligibleDevices,
      List<String> regions,
      Double capacityCapKw,
      Integer enrolmentCap,
      Limits limits,
      Optional<Pay> incentives,
      OptOut optOut,
      Optional<Measurement> measurement,
      Optional<Buyer> buyer,
      Optional<List<String>> conflictsWith) {}

  /** A program with how many are enrolled in it and waiting. */
  record ProgramView(
      String id,
      String name,
      String kind,
      List<String> eligibleDevices,
      List<String> regions,
      double capacityCapKw,
      int enrolmentCap,
      Limits limits,
      Pay incentives,
      OptOut optOut,
      Measurement measurement,
      Buyer buyer,
      List<String> conflictsWith,
      int enrolled,
      int waiting,
      double enrolledKw) {}

  private final Register register;

  ProgramRoutes(Register register) {
    this.register = register;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/programs", Roles.EVERYONE, Page.PARAMS, (ctx, p) -> Page.of(ctx, views(), v -> v));
    r.get(
        "/api/v1/programs/{id}",
        Roles.EVERYONE,
        List.of(),
        (ctx, p) -> view(program(ctx.pathParam("id"))));
    r.post("/api/v1/programs", "program.create", Roles.ADMIN, this::create);
    r.put("/api/v1/programs/{id}", "program.replace", Roles.ADMIN, this::replace);
  }

  private Routes.Answer create(Context ctx, Principal p, Routes.Change c) {
    ProgramBody body = Bodies.json(ctx, ProgramBody.class);
    c.target(body.id());
    Program program = toProgram(body);
    if (register.program(program.id()).isPresent()) {
      throw ApiError.conflict(
          "program '"
              + program.id()
              + "' exists; PUT /api/v1/programs/"
              + program.id()
              + " replaces it",
          "DUPLICATE");
    }
    register.putProgram(program);
    return Routes.Answer.created(view(program));
  }

  private Routes.Answer replace(Context ctx, Principal p, Routes.Change c) {
    String id = ctx.pathParam("id");
    c.target(id);
    program(id);
    ProgramBody body = Bodies.json(ctx, ProgramBody.class);
    if (!body.id().equals(id)) {
      throw ApiError.badRequest(
          "the body's id '"
              + body.id()
              + "' is not the path's '"
              + id
              + "'; a program keeps its id");
    }
    Program program = toProgram(body);
    register.putProgram(program);
    return Routes.Answer.ok(view(program));
  }

  private Program program(String id) {
    return register
        .program(id)
        .orElseThrow(
            () -> ApiError.notFound("no program '" + id + "'; GET /api/v1/programs lists them"));
  }

  private List<ProgramView> views() {
    return register.programs().stream().map(this::view).toList();
  }

  ProgramView view(Program p) {
    int[] counts =
        register.locked(
            false,
            b ->
                new int[] {
                  b.register().enrolled(p.id()).size(), b.register().waitingList(p.id()).size()
                });
    double kw = register.locked(false, b -> b.register().enrolledCapacity(p.id()).kilowatts());
    EventLimits l = p.limits();
    Incentives i = p.incentives();
    return new ProgramView(
        p.id(),
        p.name(),
        p.kind().name(),
        p.eligibleDevices().stream().map(Enum::name).sorted().toList(),
        p.regions().stream().sorted().toList(),
        p.capacityCap().kilowatts(),
        p.enrolmentCap(),
        new Limits(
            l.season().start(),
            l.season().end(),
            l.maxEventsPerSeason(),
            (int) l.maxEventLength().toMinutes(),
            l.maxSeasonHours().toSeconds() / 3600.0,
            (int) l.minNotice().toMinutes()),
        new Pay(
            Optional.of(Usd.text(i.perKwMonth())),
            Optional.of(Usd.text(i.perKwh())),
            Optional.of(Usd.text(i.perEvent())),
            Optional.of(Usd.text(i.leaseFeeMonth())),
            Optional.of(Usd.text(i.leaseCreditPerEvent())),
            Optional.of(i.revenueShare().toPlainString())),
        new OptOut(
            p.optOut().maxPerSeason(),
            (int) p.optOut().cutoffBeforeStart().toMinutes(),
            p.optOut().duringEvent()),
        new Measurement(p.measurement().baseline(), p.measurement().fallback()),
        new Buyer(
            Optional.of(Usd.text(p.buyer().perKwh())),
            Optional.of(Usd.text(p.buyer().perKwMonth()))),
        p.conflictsWith().stream().sorted().toList(),
        counts[0],
        counts[1],
        kw);
  }

  /** The core program of a body; what the core refuses is a 400 with its message. */
  static Program toProgram(ProgramBody b) {
    if (!ID.matcher(b.id()).matches()) {
      throw ApiError.badRequest(
          "id must be 1-64 letters, digits and . _ : -, was '" + b.id() + "'");
    }
    if (b.name().isBlank() || b.name().length() > 200) {
      throw ApiError.badRequest("name must be 1-200 characters");
    }
    ProgramKind kind = enumOf(ProgramKind.class, "kind", b.kind());
    Set<DeviceKind> devices = EnumSet.noneOf(DeviceKind.class);
    for (String d : b.eligibleDevices()) {
      devices.add(enumOf(DeviceKind.class, "eligibleDevices", d));
    }
    Limits l = b.limits();
    if (!l.seasonEnd().isAfter(l.seasonStart())) {
      throw ApiError.badRequest(
          "limits.seasonEnd must be after limits.seasonStart, were "
              + l.seasonStart()
              + " and "
              + l.seasonEnd());
    }
    if (!Double.isFinite(l.maxSeasonHours()) || !Double.isFinite(b.capacityCapKw())) {
      throw ApiError.badRequest("numbers must be finite");
    }
    EventLimits limits =
        new EventLimits(
            new Interval(l.seasonStart(), l.seasonEnd()),
            l.maxEventsPerSeason(),
            Duration.ofMinutes(l.maxEventLengthMinutes()),
            Duration.ofSeconds(Math.round(l.maxSeasonHours() * 3600)),
            Duration.ofMinutes(l.minNoticeMinutes()));
    Pay pay =
        b.incentives()
            .orElse(
                new Pay(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    Incentives incentives =
        new Incentives(
            money("incentives.perKwMonth", pay.perKwMonth()),
            money("incentives.perKwh", pay.perKwh()),
            money("incentives.perEvent", pay.perEvent()),
            money("incentives.leaseFeeMonth", pay.leaseFeeMonth()),
            money("incentives.leaseCreditPerEvent", pay.leaseCreditPerEvent()),
            pay.revenueShare()
                .map(s -> Usd.fraction("incentives.revenueShare", s))
                .orElse(java.math.BigDecimal.ZERO));
    OptOut o = b.optOut();
    OptOutRules optOut =
        new OptOutRules(o.maxPerSeason(), Duration.ofMinutes(o.cutoffMinutes()), o.duringEvent());
    Program p =
        new Program(
            b.id(),
            b.name().strip(),
            kind,
            devices,
            Set.copyOf(b.regions()),
            Power.ofKilowatts(b.capacityCapKw()),
            b.enrolmentCap(),
            limits,
            incentives,
            optOut,
            Set.copyOf(b.conflictsWith().orElse(List.of())));
    if (b.measurement().isPresent()) {
      p =
          p.withMeasurement(
              new Program.Measurement(
                  b.measurement().get().baseline(), b.measurement().get().fallback()));
    }
    if (b.buyer().isPresent()) {
      p =
          p.withBuyer(
              new Program.Buyer(
                  money("buyer.perKwh", b.buyer().get().perKwh()),
                  money("buyer.perKwMonth", b.buyer().get().perKwMonth())));
    }
    return p;
  }

  private static Money money(String field, Optional<String> text) {
    return text.map(t -> Usd.parse(field, t)).orElse(Money.zero(Money.USD));
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String field, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      TreeSet<String> names = new TreeSet<>();
      for (E x : type.getEnumConstants()) {
        names.add(x.name());
      }
      throw ApiError.badRequest(field + " must be one of " + names + ", was '" + text + "'");
    }
  }
}
