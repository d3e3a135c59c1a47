package org.openvpp.device;

import java.util.regex.Pattern;

/**
 * The stable identity of a device: 1 to 64 characters of letters, digits, {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record DeviceId(String value) implements Comparable<DeviceId> {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public DeviceId {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "device id must be 1-64 characters of letters, digits and . _ : -, was '" + value + "'");
    }
  }

  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public int compareTo(DeviceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
