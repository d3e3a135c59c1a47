package org.openvpp.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.program.ProgramException;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;

/**
 * How every route of the API is declared: with the roles it admits, and for a {@code GET} the query
 * parameters it takes (any other is a 400 naming those it takes); a change ({@code POST}, {@code
 * PUT}, {@code DELETE}) with the action it is audited as. A change is written to the audit log
 * however it ends: done, refused by role, by a malformed body, by the register's rules.
 *
 * <p>Threads: routes are declared once, before the server starts; requests run on Jetty's threads.
 */
final class Routes {

  /** What a read answers for a caller. */
  @FunctionalInterface
  interface Reader {
    Object read(Context ctx, Principal p);
  }

  /** What a change does for a caller, and answers. */
  @FunctionalInterface
  interface Changer {
    Answer change(Context ctx, Principal p, Change c) throws InterruptedException;
  }

  /** A status and the record to send ({@link #none} for 204). */
  record Answer(int status, Optional<Object> body) {
    static Answer ok(Object body) {
      return new Answer(200, Optional.of(body));
    }

    static Answer created(Object body) {
      return new Answer(201, Optional.of(body));
    }

    static Answer none() {
      return new Answer(204, Optional.empty());
    }
  }

  /** What the audit log says of a change: its action, its target (set as the change learns it). */
  static final class Change {
    private final String action;
    private String target;
    private Optional<String> outcome = Optional.empty();

    Change(String action, String target) {
      this.action = action;
      this.target = target;
    }

    /** Names what the change is on, for the audit log. */
    void target(String t) {
      this.target = t;
    }

    /** What came of a change that was done, for the audit log ("done: " and it). */
    void outcome(String o) {
      this.outcome = Optional.of(o);
    }

    String action() {
      return action;
    }

    Optional<String> outcome() {
      return outcome;
    }

    String target() {
      return target;
    }
  }

  /**
   * One declared route, for the tests that hold the OpenAPI document and the audit log to the
   * routes: a change's action ({@code ""} for a read or an open route).
   */
  record Declared(String method, String path, Set<Role> roles, String action) {}

  private final JavalinConfig config;
  private final Gate gate;
  private final Audit audit;
  private final List<Declared> declared = new ArrayList<>();

  Routes(JavalinConfig config, Gate gate, Audit audit) {
    this.config = config;
    this.gate = gate;
    this.audit = audit;
  }

  List<Declared> declared() {
    return Collections.unmodifiableList(declared);
  }

  /** A read: the caller must hold one of {@code roles} and give only {@code params}. */
  void get(String path, Set<Role> roles, List<String> params, Reader reader) {
    declared.add(new Declared("GET", path, Set.copyOf(roles), ""));
    config.routes.get(
        path,
        ctx -> {
          Principal p = gate.require(ctx, roles);
          onlyParams(ctx, params);
          send(ctx, Answer.ok(reader.read(ctx, p)));
        });
  }

  void post(String path, String action, Set<Role> roles, Changer changer) {
    change(HandlerType.POST, path, action, roles, List.of(), changer);
  }

  /** A change that takes the query parameters {@code params}. */
  void post(String path, String action, Set<Role> roles, List<String> params, Changer changer) {
    change(HandlerType.POST, path, action, roles, params, changer);
  }

  void put(String path, String action, Set<Role> roles, Changer changer) {
    change(HandlerType.PUT, path, action, roles, List.of(), changer);
  }

  void delete(String path, String action, Set<Role> roles, Changer changer) {
    change(HandlerType.DELETE, path, action, roles, List.of(), changer);
  }

  /** A route outside the token's rules (login, sign-up, token), declared for the documents. */
  void open(HandlerType method, String path, io.javalin.http.Handler handler) {
    declared.add(new Declared(method.name(), path, Set.of(), ""));
    config.routes.addHttpHandler(method, path, handler);
  }

  private void change(
      HandlerType method,
      String path,
      String action,
      Set<Role> roles,
      List<String> params,
      Changer changer) {
    declared.add(new Declared(method.name(), path, Set.copyOf(roles), action));
    config.routes.addHttpHandler(
        method,
        path,
        ctx -> {
          Principal p = gate.authenticate(ctx);
          Change c = new Change(action, ctx.path());
          if (!roles.contains(p.role())) {
            ApiError e = Gate.forbidden(p, roles);
            audit.refused(p, c, e);
            throw e;
          }
          Answer a;
          try {
            onlyParams(ctx, params);
            a = changer.change(ctx, p, c);
          } catch (ApiError e) {
            audit.refused(p, c, e);
            throw e;
          } catch (ProgramException e) {
            ApiError mapped = refusal(e);
            audit.refused(p, c, mapped);
            throw mapped;
          } catch (IllegalArgumentException e) {
            ApiError mapped = ApiError.badRequest(String.valueOf(e.getMessage()));
            audit.refused(p, c, mapped);
            throw mapped;
          } catch (RuntimeException | InterruptedException e) {
            // The face's answer is 500 (logged); the log still says the change did not happen.
            audit.refused(p, c, new ApiError(500, "internal_error", e.getClass().getSimpleName()));
            throw e;
          }
          audit.done(p, c);
          send(ctx, a);
        });
  }

  /** The register's refusal as the API answers it: 409 with the reason code. */
  static ApiError refusal(ProgramException e) {
    return ApiError.conflict(String.valueOf(e.getMessage()), e.reason().name());
  }

  /** An answer that is not JSON: its media type and text. */
  record Text(String type, String text) {}

  static void send(Context ctx, Answer a) {
    ctx.status(a.status());
    if (a.body().isPresent()) {
      if (a.body().get() instanceof Text t) {
        ctx.contentType(t.type()).result(t.text());
      } else {
        ctx.contentType("application/json").result(Json.write(a.body().get()));
      }
    }
  }

  /** Refuses a query parameter the route does not take (a typo would otherwise filter nothing). */
  static void onlyParams(Context ctx, List<String> allowed) {
    TreeSet<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest(
          "unknown query parameter"
              + (unknown.size() > 1 ? "s " : " ")
              + unknown.stream().map(n -> "'" + n + "'").toList()
              + "; "
              + (allowed.isEmpty()
                  ? "this endpoint takes none"
                  : "this endpoint takes " + String.join(", ", allowed)));
    }
  }

  /** A query parameter given once, if given. */
  static Optional<String> param(Context ctx, String name) {
    List<String> all = ctx.queryParams(name);
    if (all.size() > 1) {
      throw ApiError.badRequest("give the query parameter '" + name + "' once");
    }
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** One of {@code allowed} (any case), upper-cased. */
  static String oneOf(String name, String value, Set<String> allowed) {
    String s = value.toUpperCase(Locale.ROOT);
    if (!allowed.contains(s)) {
      throw ApiError.badRequest(
          name + " must be one of " + new TreeSet<>(allowed) + " (any case), was '" + value + "'");
    }
    return s;
  }

  static boolean bool(String name, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(name + " must be true or false, was '" + text + "'");
    };
  }
}
