package org.openvpp.openadr.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a client is to the VTN: the business logic (BL), which writes programs and events and reads
 * everything, or a VEN, which sees only what is its own or targeted at it.
 */
public enum Role {
  /** Business logic: the utility's or aggregator's side. */
  BL,
  /** A VEN: a device cloud or gateway. */
  VEN;

  /**
   * The scopes a client of this role may be granted. A VEN holds {@code read_all} only because the
   * definition asks for it on {@code GET /notifiers}: what a VEN reads is limited by its role,
   * whatever its scopes. Only VENs write reports; only BL writes programs and events.
   */
  public Set<Scope> scopes() {
    return switch (this) {
      case BL ->
          Set.copyOf(
              EnumSet.of(
                  Scope.READ_ALL,
                  Scope.READ_TARGETS,
                  Scope.READ_VEN_OBJECTS,
                  Scope.READ_BL,
                  Scope.WRITE_PROGRAMS,
                  Scope.WRITE_EVENTS,
                  Scope.WRITE_SUBSCRIPTIONS,
                  Scope.WRITE_VENS));
      case VEN ->
          Set.copyOf(
              EnumSet.of(
                  Scope.READ_ALL,
                  Scope.READ_TARGETS,
                  Scope.READ_VEN_OBJECTS,
                  Scope.WRITE_REPORTS,
                  Scope.WRITE_SUBSCRIPTIONS,
                  Scope.WRITE_VENS));
    };
  }
}
