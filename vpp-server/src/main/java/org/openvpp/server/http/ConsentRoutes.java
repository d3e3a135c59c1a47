package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openvpp.program.Consent;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.service.register.Register;

/**
 * Consents: what a customer lets OpenVPP do with a site (control its devices, read its meter), from
 * when, until when, and their revocation. Granted by the site's owner (their account's name is
 * recorded as who granted it) or by an operator admin on their behalf.
 */
final class ConsentRoutes {
  static final Set<String> STATES = Set.of("ACTIVE", "EXPIRED", "REVOKED");

  record ConsentView(
      String id,
      String siteId,
      String customerId,
      String grantedBy,
      Instant grantedAt,
      List<String> scopes,
      Optional<Instant> expires,
      Optional<Instant> revokedAt,
      String state) {}

  record NewConsent(String siteId, List<String> scopes, Optional<Instant> expires) {}

  private final Register register;
  private final Owners owners;

  ConsentRoutes(Register register, Owners owners) {
    this.register = register;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/consents",
        Roles.OPERATORS_AND_PARTICIPANTS,
        Page.params("customer", "site", "state", "program"),
        this::list);
    r.get(
        "/api/v1/consents/{id}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of(),
        (ctx, p) -> view(owners.consent(p, ctx.pathParam("id")), customers(), register.now()));
    r.post("/api/v1/consents", "consent.grant", Roles.ADMIN_AND_PARTICIPANTS, this::grant);
    r.post(
        "/api/v1/consents/{id}/revocation",
        "consent.revoke",
        Roles.ADMIN_AND_PARTICIPANTS,
        (ctx, p, c) -> {
          Consent k = owners.consent(p, ctx.pathParam("id"));
          c.target(k.id());
          Consent revoked = register.revokeConsent(k.id());
          return Routes.Answer.created(view(revoked, customers(), register.now()));
        });
  }

  private Object list(Context ctx, Principal p) {
    Instant now = register.now();
    Map<String, String> customers = customers();
    Predicate<Consent> keep = c -> true;
    Optional<String> customer = Owners.customerFilter(p, Routes.param(ctx, "customer"));
    if (customer.isPresent()) {
      keep = keep.and(c -> customer.get().equals(customers.get(c.siteId())));
    }
    Optional<String> site = Routes.param(ctx, "site");
    if (site.isPresent()) {
      keep = keep.and(c -> c.siteId().equals(site.get()));
    }
    Optional<String> state = Routes.param(ctx, "state");
    if (state.isPresent()) {
      String s = Routes.oneOf("state", state.get(), STATES);
      keep = keep.and(c -> state(c, now).equals(s));
    }
    Optional<String> program = Routes.param(ctx, "program");
    if (program.isPresent()) {
      List<Enrolment> all = register.enrolments();
      keep =
          keep.and(
              c ->
                  all.stream()
                      .anyMatch(
                          e ->
                              e.programId().equals(program.get()) && e.consentId().equals(c.id())));
    }
    return Page.of(
        ctx, register.consents().stream().filter(keep).toList(), c -> view(c, customers, now));
  }

  private Map<String, String> customers() {
    Map<String, String> out = new HashMap<>();
    for (Site s : register.sites()) {
      out.put(s.id(), s.customerId());
    }
    return out;
  }

  private Routes.Answer grant(Context ctx, Principal p, Routes.Change c) {
    NewConsent body = Bodies.json(ctx, NewConsent.class);
    Site site = owners.site(p, body.siteId());
    c.target(site.id() + " " + body.scopes());
    Set<Consent.Scope> scopes = EnumSet.noneOf(Consent.Scope.class);
    for (String s : body.scopes()) {
      scopes.add(ProgramRoutes.enumOf(Consent.Scope.class, "scopes", s));
    }
    if (scopes.isEmpty()) {
      throw ApiError.badRequest("scopes must name at least one of [CONTROL, METER_DATA]");
    }
    if (body.expires().isPresent() && !body.expires().get().isAfter(register.now())) {
      throw ApiError.badRequest(
          "expires must be after now (" + register.now() + "), was " + body.expires().get());
    }
    Consent made = register.grantConsent(site.id(), p.subject(), scopes, body.expires());
    c.target(made.id() + " of " + site.id() + " " + made.scopes());
    return Routes.Answer.created(view(made, customers(), register.now()));
  }

  static String state(Consent c, Instant now) {
    if (c.revokedAt().filter(r -> !now.isBefore(r)).isPresent()) {
      return "REVOKED";
    }
    return c.expires().filter(x -> !now.isBefore(x)).isPresent() ? "EXPIRED" : "ACTIVE";
  }

  static ConsentView view(Consent c, Map<String, String> customers, Instant now) {
    return new ConsentView(
        c.id(),
        c.siteId(),
        customers.getOrDefault(c.siteId(), ""),
        c.grantedBy(),
        c.grantedAt(),
        c.scopes().stream().map(Enum::name).sorted().toList(),
        c.expires(),
        c.revokedAt(),
        state(c, now));
  }
}
