package org.openvpp.aggregate;

import java.util.regex.Pattern;

/**
 * The name of a group in the aggregation tree, such as {@code fleet} or {@code feeder-3}.
 *
 * @param value 1 to 64 characters of letters, digits and {@code - _ . : /}
 */
public record GroupId(String value) {

  // Declared before FLEET: static fields initialise in order.
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

  public static final GroupId FLEET = new GroupId("fleet");

  public GroupId {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "group id must be 1-64 characters of letters, digits and . _ : / -, was '" + value + "'");
    }
  }

  public static GroupId of(String value) {
    return new GroupId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
