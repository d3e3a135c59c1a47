package org.openvpp.program;

import java.util.Objects;

/**
 * A customer, who owns sites and is paid for taking part.
 *
 * @param id stable identifier
 * @param name for statements
 */
public record Customer(String id, String name) {
  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
