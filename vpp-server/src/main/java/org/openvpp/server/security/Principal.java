package org.openvpp.server.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts for: a person who logged in or a machine client with a token.
 *
 * @param subject the user name or client id
 * @param role what it may do
 * @param customer the customer a participant is; empty for every other role
 */
public record Principal(String subject, Role role, Optional<String> customer) {
  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(customer, "customer");
    if ((role == Role.PARTICIPANT) != customer.isPresent()) {
      throw new IllegalArgumentException(
          "a participant names its customer and no other role does: " + subject + " " + role);
    }
  }
}
