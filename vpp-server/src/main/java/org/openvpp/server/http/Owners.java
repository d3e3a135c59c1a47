package org.openvpp.server.http;

import java.util.Optional;
import org.openvpp.program.Consent;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.service.register.Register;

/**
 * Whose things a caller may see and change: operators and utility partners every one, a participant
 * only their own customer's; another's is answered as if it did not exist (404), so ids do not tell
 * who else is there.
 */
final class Owners {
  private final Register register;

  Owners(Register register) {
    this.register = register;
  }

  /** Whether {@code p} may see what belongs to {@code customerId}. */
  static boolean sees(Principal p, String customerId) {
    return p.role() != Role.PARTICIPANT || p.customer().equals(Optional.of(customerId));
  }

  /** The site {@code id} as {@code p} may see it, or 404. */
  Site site(Principal p, String id) {
    return register
        .site(id)
        .filter(s -> sees(p, s.customerId()))
        .orElseThrow(
            () -> ApiError.notFound("no site '" + id + "'; GET /api/v1/sites lists yours"));
  }

  /** The consent {@code id} as {@code p} may see it, or 404. */
  Consent consent(Principal p, String id) {
    return register
        .consent(id)
        .filter(c -> register.site(c.siteId()).map(s -> sees(p, s.customerId())).orElse(false))
        .orElseThrow(
            () -> ApiError.notFound("no consent '" + id + "'; GET /api/v1/consents lists yours"));
  }

  /** The enrolment {@code id} as {@code p} may see it, or 404. */
  Enrolment enrolment(Principal p, String id) {
    return register
        .enrolment(id)
        .filter(e -> register.site(e.siteId()).map(s -> sees(p, s.customerId())).orElse(false))
        .orElseThrow(
            () ->
                ApiError.notFound("no enrolment '" + id + "'; GET /api/v1/enrolments lists yours"));
  }

  /** The customer a list is narrowed to: the one asked for; a participant's own, always. */
  static Optional<String> customerFilter(Principal p, Optional<String> asked) {
    if (p.role() != Role.PARTICIPANT) {
      return asked;
    }
    String own = p.customer().orElseThrow();
    if (asked.isPresent() && !asked.get().equals(own)) {
      throw ApiError.forbidden(
          "a participant sees only their own; leave out customer or give yours ('" + own + "')");
    }
    return Optional.of(own);
  }
}
