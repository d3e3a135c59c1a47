package org.openvpp.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The web pages and what they load, all from the jar: the operators' dashboard at {@code /}, {@code
 * /participant.html}, {@code /login.html}, the script the first two share ({@code /pages.js}), and
 * the dashboard's chart library, uPlot (its WebJar, {@code org.webjars.npm:uplot}), at the WebJar's
 * own paths under {@link #UPLOT}.
 *
 * <p>Each is read once, when the face is made: a missing one fails the start (the build is
 * incomplete), and none is read again. Each is served to anyone, as the pages themselves are: what
 * is private is the API the pages' script calls, which asks for the session. Every answer names its
 * type and says {@code nosniff}; none says how long to keep it, so a browser asks again on each
 * load. A page also carries the Content-Security-Policy: scripts, styles and requests to this
 * origin only (the pages' own inline script and style allowed, {@code eval} not), no framing.
 */
final class Pages {
  /** Where uPlot's files are, in its WebJar and on the face: the version is the pom's. */
  static final String UPLOT = "/webjars/uplot/1.6.30/dist/";

  static final String CSP =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; frame-ancestors 'none'";

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";

  /** A file served at {@code path}, of type {@code type}, from the jar at {@code resource}. */
  private record Served(String path, String type, String resource, boolean page) {}

  private static final List<Served> SERVED =
      List.of(
          new Served("/", HTML, "dashboard.html", true),
          new Served("/participant.html", HTML, "participant.html", true),
          new Served("/login.html", HTML, "login.html", true),
          new Served("/pages.js", JS, "pages.js", false),
          asset("uPlot.iife.min.js", JS),
          asset("uPlot.min.css", "text/css; charset=utf-8"));

  private Pages() {}

  private static Served asset(String name, String type) {
    return new Served(UPLOT + name, type, "/META-INF/resources" + UPLOT + name, false);
  }

  /** Reads every page and asset now, and adds their routes. */
  static void declare(JavalinConfig config) {
    for (Served s : SERVED) {
      String body = HttpFace.resource(s.resource());
      config.routes.get(s.path(), ctx -> serve(ctx, s, body));
    }
  }

  private static void serve(Context ctx, Served s, String body) {
    if (s.page()) {
      ctx.header("Content-Security-Policy", CSP);
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(s.type()).result(body);
  }
}
