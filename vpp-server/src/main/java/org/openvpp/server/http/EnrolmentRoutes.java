package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openvpp.device.DeviceId;
import org.openvpp.program.Consent;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.service.register.Register;

/**
 * Enrolments: a site's linked devices in a program under a consent; enrolled at once, or waiting
 * for room under the program's caps (served first come, first served as room is made), or refused
 * by the register with its reason (409). A withdrawal ends one now.
 */
final class EnrolmentRoutes {
  static final Set<String> STATES = Set.of("WAITING", "ENROLLED", "WITHDRAWN");

  record EnrolledDevice(String id, String kind, double capacityKw) {}

  record EnrolmentView(
      String id,
      String programId,
      String siteId,
      String customerId,
      List<EnrolledDevice> devices,
      String consentId,
      String state,
      Instant requestedAt,
      Optional<Instant> enrolledAt,
      Optional<Instant> withdrawnAt,
      double capacityKw) {}

  record NewEnrolment(String programId, String siteId, List<String> deviceIds, String consentId) {}

  private final Register register;
  private final Owners owners;

  EnrolmentRoutes(Register register, Owners owners) {
    this.register = register;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/enrolments",
        Roles.OPERATORS_AND_PARTICIPANTS,
        Page.params("customer", "site", "state", "program"),
        this::list);
    r.get(
        "/api/v1/enrolments/{id}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of(),
        (ctx, p) -> view(owners.enrolment(p, ctx.pathParam("id")), customers()));
    r.post("/api/v1/enrolments", "enrolment.request", Roles.ADMIN_AND_PARTICIPANTS, this::enrol);
    r.post(
        "/api/v1/enrolments/{id}/withdrawal",
        "enrolment.withdraw",
        Roles.ADMIN_AND_PARTICIPANTS,
        (ctx, p, c) -> {
          Enrolment e = owners.enrolment(p, ctx.pathParam("id"));
          c.target(e.id());
          register.withdraw(e.id());
          Enrolment after = register.enrolment(e.id()).orElseThrow();
          return Routes.Answer.created(view(after, customers()));
        });
  }

  private Object list(Context ctx, Principal p) {
    Map<String, String> customers = customers();
    Predicate<Enrolment> keep = e -> true;
    Optional<String> customer = Owners.customerFilter(p, Routes.param(ctx, "customer"));
    if (customer.isPresent()) {
      keep = keep.and(e -> customer.get().equals(customers.get(e.siteId())));
    }
    Optional<String> site = Routes.param(ctx, "site");
    if (site.isPresent()) {
      keep = keep.and(e -> e.siteId().equals(site.get()));
    }
    Optional<String> state = Routes.param(ctx, "state");
    if (state.isPresent()) {
      String s = Routes.oneOf("state", state.get(), STATES);
      keep = keep.and(e -> e.status().name().equals(s));
    }
    Optional<String> program = Routes.param(ctx, "program");
    if (program.isPresent()) {
      keep = keep.and(e -> e.programId().equals(program.get()));
    }
    return Page.of(
        ctx, register.enrolments().stream().filter(keep).toList(), e -> view(e, customers));
  }

  private Routes.Answer enrol(Context ctx, Principal p, Routes.Change c) {
    NewEnrolment body = Bodies.json(ctx, NewEnrolment.class);
    Site site = owners.site(p, body.siteId());
    Consent consent = owners.consent(p, body.consentId());
    c.target(body.programId() + " " + site.id() + " " + body.deviceIds());
    List<DeviceId> devices = new ArrayList<>();
    for (String d : body.deviceIds()) {
      try {
        devices.add(DeviceId.of(d));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("deviceIds: " + e.getMessage());
      }
    }
    if (devices.isEmpty()) {
      throw ApiError.badRequest("deviceIds must name at least one device linked to the site");
    }
    Enrolment e = register.enrol(body.programId(), site.id(), devices, consent.id());
    c.target(e.id() + " " + body.programId() + " " + site.id() + " " + e.status());
    return Routes.Answer.created(view(e, customers()));
  }

  private Map<String, String> customers() {
    Map<String, String> out = new HashMap<>();
    for (Site s : register.sites()) {
      out.put(s.id(), s.customerId());
    }
    return out;
  }

  static EnrolmentView view(Enrolment e, Map<String, String> customers) {
    return new EnrolmentView(
        e.id(),
        e.programId(),
        e.siteId(),
        customers.getOrDefault(e.siteId(), ""),
        e.devices().stream()
            .map(d -> new EnrolledDevice(d.id().value(), d.kind().name(), d.capacity().kilowatts()))
            .toList(),
        e.consentId(),
        e.status().name(),
        e.requestedAt(),
        e.enrolledAt(),
        e.withdrawnAt(),
        e.capacity().kilowatts());
  }
}
