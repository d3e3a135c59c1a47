package org.openvpp.ocpp.operations;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A setting of a charger: a 2.0.1 variable of a component ({@code OCPPCommCtrlr.HeartbeatInterval})
 * or a 1.6 configuration key ({@code HeartbeatInterval}, no component).
 *
 * @param component the 2.0.1 component's name; empty for a 1.6 key
 * @param name the 2.0.1 variable's name, or the 1.6 key
 */
public record Setting(Optional<String> component, String name) {
  /** The longest name either version takes (1.6 keys and 2.0.1 names: 50). */
  public static final int MAX_NAME = 50;

  /**
   * @throws IllegalArgumentException for a blank name or component, or one over 50 characters
   */
  public Setting {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(name, "name");
    check("a setting's name", name);
    component.ifPresent(c -> check("a setting's component", c));
  }

  /** A 1.6 configuration key. */
  public static Setting key(String key) {
    return new Setting(Optional.empty(), key);
  }

  /** A 2.0.1 variable of {@code component}. */
  public static Setting variable(String component, String variable) {
    return new Setting(Optional.of(component), variable);
  }

  private static void check(String what, String s) {
    if (s.isBlank() || s.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          what + " is 1 to " + MAX_NAME + " characters, not blank, was '" + s + "'");
    }
  }

  /**
   * Whether the setting holds a charger's password: 1.6 {@code AuthorizationKey}, 2.0.1 {@code
   * BasicAuthPassword} (of any component), any case. Its value is never written anywhere but the
   * CALL, and never read back: the central system changes it only by rotation
   * (org.openvpp.ocpp.security.PasswordRotation).
   */
  public boolean secret() {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorizationkey") || n.equals("basicauthpassword");
  }

  @Override
  public String toString() {
    return component.map(c -> c + "." + name).orElse(name);
  }
}
