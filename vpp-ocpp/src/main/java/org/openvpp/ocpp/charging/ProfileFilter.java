package org.openvpp.ocpp.charging;

import java.util.Objects;
import java.util.Optional;

/**
 * Which profiles a ClearChargingProfile clears: the one with an id, or those matching every
 * criterion given. A filter names at least one thing, so clearing every profile of a charger
 * (including the limits its operator set) is never done by accident; external constraints are the
 * charger's own and are not cleared by a central system.
 *
 * @param id the profile's id
 * @param evseId the EVSE (a 1.6 connector; 0 the whole charger)
 * @param purpose the purpose
 * @param stackLevel the stack level
 */
public record ProfileFilter(
    Optional<Integer> id,
    Optional<Integer> evseId,
    Optional<Purpose> purpose,
    Optional<Integer> stackLevel) {

  public ProfileFilter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(evseId, "evseId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(stackLevel, "stackLevel");
    if (id.isEmpty() && evseId.isEmpty() && purpose.isEmpty() && stackLevel.isEmpty()) {
      throw new IllegalArgumentException(
          "name a profile id or at least one of EVSE, purpose and stack level; an empty filter"
              + " would clear every profile of the charger");
    }
    if (purpose.equals(Optional.of(Purpose.EXTERNAL_CONSTRAINTS))) {
      throw new IllegalArgumentException(
          "external constraints are the charger's own; a central system does not clear them");
    }
    evseId.ifPresent(e -> nonNegative("an EVSE id", e));
    stackLevel.ifPresent(s -> nonNegative("a stack level", s));
  }

  /** The profile {@code id}. */
  public static ProfileFilter byId(int id) {
    return new ProfileFilter(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The profiles of {@code purpose} at {@code stackLevel} on {@code evseId}. */
  public static ProfileFilter matching(int evseId, Purpose purpose, int stackLevel) {
    return new ProfileFilter(
        Optional.empty(), Optional.of(evseId), Optional.of(purpose), Optional.of(stackLevel));
  }

  private static void nonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " is not negative, not " + value);
    }
  }
}
