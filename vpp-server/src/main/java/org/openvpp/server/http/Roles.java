package org.openvpp.server.http;

import java.util.EnumSet;
import java.util.Set;
import org.openvpp.server.security.Role;

/** The sets of roles routes admit, named once. */
final class Roles {
  private Roles() {}

  static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
  static final Set<Role> ADMIN = EnumSet.of(Role.OPERATOR_ADMIN);
  static final Set<Role> OPERATORS = EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER);
  static final Set<Role> OPERATORS_AND_PARTNERS =
      EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER);
  static final Set<Role> OPERATORS_AND_PARTICIPANTS =
      EnumSet.of(Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.PARTICIPANT);
  static final Set<Role> ADMIN_AND_PARTICIPANTS = EnumSet.of(Role.OPERATOR_ADMIN, Role.PARTICIPANT);
}
