package org.openvpp.program;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * A site's enrolment in a program with some of its devices. Its status follows from its instants:
 * waiting until enrolled, enrolled until withdrawn.
 *
 * @param id stable identifier
 * @param programId the program
 * @param siteId the site
 * @param devices the devices enrolled, at least one
 * @param consentId the consent it rests on
 * @param requestedAt when it was asked for (the waiting list's order)
 * @param enrolledAt when it took effect, if it has
 * @param withdrawnAt when it ended, if it has
 */
public record Enrolment(
    String id,
    String programId,
    String siteId,
    List<EnrolledDevice> devices,
    String consentId,
    Instant requestedAt,
    Optional<Instant> enrolledAt,
    Optional<Instant> withdrawnAt) {

  /** Where an enrolment stands. */
  public enum Status {
    WAITING,
    ENROLLED,
    WITHDRAWN
  }

  public Enrolment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(consentId, "consentId");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(enrolledAt, "enrolledAt");
    Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("enrolment " + id + " needs at least one device");
    }
  }

  public Status status() {
    if (withdrawnAt.isPresent()) {
      return Status.WITHDRAWN;
    }
    return enrolledAt.isPresent() ? Status.ENROLLED : Status.WAITING;
  }

  /** Whether it is enrolled (not waiting, not yet withdrawn) at {@code at}. */
  public boolean isEnrolledAt(Instant at) {
    return enrolledAt.map(e -> !at.isBefore(e)).orElse(false)
        && withdrawnAt.map(at::isBefore).orElse(true);
  }

  /** Waiting or enrolled. */
  public boolean isActive() {
    return withdrawnAt.isEmpty();
  }

  /** The sum of its devices' enrolled capacity. */
  public Power capacity() {
    double w = 0;
    for (EnrolledDevice d : devices) {
      w += d.capacity().watts();
    }
    return Power.ofWatts(w);
  }

  Enrolment enrolled(Instant at) {
    return new Enrolment(
        id, programId, siteId, devices, consentId, requestedAt, Optional.of(at), Optional.empty());
  }

  Enrolment withdrawn(Instant at) {
    return new Enrolment(
        id, programId, siteId, devices, consentId, requestedAt, enrolledAt, Optional.of(at));
  }
}
