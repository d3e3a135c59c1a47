package org.openvpp.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.program.Customer;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.service.register.Register;

/** Customers: operators see every one and an operator admin adds one; a participant sees theirs. */
final class CustomerRoutes {
  record CustomerView(String id, String name, List<String> sites) {}

  record NewCustomer(Optional<String> id, String name) {}

  private final Register register;

  CustomerRoutes(Register register) {
    this.register = register;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/customers",
        Roles.OPERATORS_AND_PARTICIPANTS,
        Page.PARAMS,
        (ctx, p) -> Page.of(ctx, visible(p), c -> c));
    r.get(
        "/api/v1/customers/{id}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of(),
        (ctx, p) -> {
          String id = ctx.pathParam("id");
          return visible(p).stream()
              .filter(c -> c.id().equals(id))
              .findFirst()
              .orElseThrow(() -> ApiError.notFound("no customer '" + id + "'"));
        });
    r.post("/api/v1/customers", "customer.create", Roles.ADMIN, this::create);
  }

  private List<CustomerView> visible(Principal p) {
    Map<String, List<String>> sites = new HashMap<>();
    for (Site s : register.sites()) {
      sites.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s.id());
    }
    List<CustomerView> out = new ArrayList<>();
    for (Customer c : register.customers()) {
      if (Owners.sees(p, c.id())) {
        out.add(new CustomerView(c.id(), c.name(), sites.getOrDefault(c.id(), List.of())));
      }
    }
    return out;
  }

  private Routes.Answer create(Context ctx, Principal p, Routes.Change c) {
    NewCustomer body = Bodies.json(ctx, NewCustomer.class);
    body.id().ifPresent(SiteRoutes::requireId);
    c.target(body.id().orElse(body.name()));
    if (body.id().isPresent() && register.customer(body.id().get()).isPresent()) {
      throw ApiError.conflict("customer '" + body.id().get() + "' exists", "DUPLICATE");
    }
    requireText("name", body.name());
    Customer made = register.addCustomer(body.id(), body.name().strip());
    c.target(made.id());
    return Routes.Answer.created(new CustomerView(made.id(), made.name(), List.of()));
  }

  static void requireText(String field, String text) {
    if (text.isBlank() || text.length() > 200) {
      throw ApiError.badRequest(field + " must be 1-200 characters, was '" + text + "'");
    }
  }
}
