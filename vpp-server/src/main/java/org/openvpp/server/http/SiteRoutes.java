package org.openvpp.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.service.register.Register;

/**
 * Sites: a customer's connection with its meter, region and feeder. Operators see and add any; a
 * participant sees and adds their own (their customer is implied).
 */
final class SiteRoutes {
  record SiteView(String id, String customerId, String meterId, String region, String feeder) {
    static SiteView of(Site s) {
      return new SiteView(s.id(), s.customerId(), s.meterId(), s.region(), s.feeder());
    }
  }

  record NewSite(
      Optional<String> id,
      Optional<String> customerId,
      String meterId,
      String region,
      String feeder) {}

  private final Register register;
  private final Owners owners;

  SiteRoutes(Register register, Owners owners) {
    this.register = register;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/sites",
        Roles.OPERATORS_AND_PARTICIPANTS,
        Page.params("customer"),
        (ctx, p) -> {
          Optional<String> customer = Owners.customerFilter(p, Routes.param(ctx, "customer"));
          List<Site> kept =
              register.sites().stream()
                  .filter(s -> customer.map(s.customerId()::equals).orElse(true))
                  .toList();
          return Page.of(ctx, kept, SiteView::of);
        });
    r.get(
        "/api/v1/sites/{id}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of(),
        (ctx, p) -> SiteView.of(owners.site(p, ctx.pathParam("id"))));
    r.post("/api/v1/sites", "site.create", Roles.ADMIN_AND_PARTICIPANTS, this::create);
  }

  private Routes.Answer create(Context ctx, Principal p, Routes.Change c) {
    NewSite body = Bodies.json(ctx, NewSite.class);
    String customer;
    if (p.role() == Role.PARTICIPANT) {
      String own = p.customer().orElseThrow();
      if (body.customerId().isPresent() && !body.customerId().get().equals(own)) {
        throw ApiError.notFound(
            "no customer '" + body.customerId().get() + "'; leave customerId out for your own");
      }
      customer = own;
    } else {
      customer =
          body.customerId()
              .orElseThrow(() -> ApiError.badRequest("the body needs the field 'customerId'"));
      if (register.customer(customer).isEmpty()) {
        throw ApiError.notFound("no customer '" + customer + "'; GET /api/v1/customers lists them");
      }
    }
    body.id().ifPresent(SiteRoutes::requireId);
    requireId(body.meterId());
    CustomerRoutes.requireText("region", body.region());
    CustomerRoutes.requireText("feeder", body.feeder());
    c.target(customer + " meter " + body.meterId());
    if (body.id().isPresent() && register.site(body.id().get()).isPresent()) {
      throw ApiError.conflict("site '" + body.id().get() + "' exists", "DUPLICATE");
    }
    Site s = register.addSite(body.id(), customer, body.meterId(), body.region(), body.feeder());
    c.target(s.id() + " of " + customer + " meter " + s.meterId());
    return Routes.Answer.created(SiteView.of(s));
  }

  static void requireId(String id) {
    if (!ProgramRoutes.ID.matcher(id).matches()) {
      throw ApiError.badRequest("an id is 1-64 letters, digits and . _ : -, was '" + id + "'");
    }
  }
}
