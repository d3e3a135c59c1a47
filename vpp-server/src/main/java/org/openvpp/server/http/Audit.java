package org.openvpp.server.http;

import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.service.clock.ServiceClock;

/**
 * Writes changes to the audit log, stamped with the service's clock (in a simulated world, the
 * world's time): who, what, on what, and how it ended ({@code done}, {@code done: OUTCOME} where
 * the change has one, such as a charger's answer, or {@code refused: CODE: message}).
 */
final class Audit {
  private final AuditLog log;
  private final ServiceClock clock;

  Audit(AuditLog log, ServiceClock clock) {
    this.log = log;
    this.clock = clock;
  }

  void done(Principal p, Routes.Change c) {
    write(
        p.subject(),
        p.role(),
        c.action(),
        c.target(),
        c.outcome().map(o -> "done: " + shorter(o)).orElse("done"));
  }

  void refused(Principal p, Routes.Change c, ApiError e) {
    write(p.subject(), p.role(), c.action(), c.target(), outcome(e));
  }

  /** A change by someone without a token (a sign-up), in the role it asks for. */
  void write(String subject, Role role, String action, String target, String outcome) {
    log.append(new AuditLog.Entry(clock.instant(), subject, role, action, target, outcome));
  }

  static String outcome(ApiError e) {
    String m = String.valueOf(e.getMessage());
    return "refused: " + e.code() + ": " + shorter(m);
  }

  private static String shorter(String m) {
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }
}
