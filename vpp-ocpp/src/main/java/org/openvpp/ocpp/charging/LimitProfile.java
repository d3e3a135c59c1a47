package org.openvpp.ocpp.charging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * A limit the VPP sets on a charger or on one of its EVSEs: a charging profile of kind Absolute
 * with one schedule in watts, the same for both versions ({@link ChargingMessages} writes it for
 * each).
 *
 * <p>It always lapses: after {@code validTo} the charger drops it and falls back to its other
 * profiles or its default, so a VPP that goes silent never leaves a charger curtailed. The schedule
 * is also given a duration that ends at {@code validTo}, in case a charger honours one and not the
 * other.
 *
 * <p>Times are kept in whole seconds, as OCPP's schedules count: {@code start} and {@code validTo}
 * are truncated (so the limit starts and lapses up to a second early, never late).
 *
 * @param id the charging profile's id; a profile sent with the id of one the charger has replaces
 *     it
 * @param evseId the EVSE (a 1.6 connector); 0 is the whole charger, or every EVSE for {@link
 *     Purpose#TX_DEFAULT}
 * @param purpose what it is for; not {@link Purpose#EXTERNAL_CONSTRAINTS}
 * @param stackLevel its rank among profiles of the same purpose (higher wins); not negative
 * @param start when the schedule starts
 * @param periods the schedule: 1 to {@value #MAX_PERIODS} periods, the first at offset 0, the
 *     offsets increasing, each starting before {@code validTo}
 * @param validTo when it lapses; after the last period's start
 * @param transactionId the transaction it limits: required for {@link Purpose#TX}, absent otherwise
 *     (an integer in 1.6)
 */
public record LimitProfile(
    int id,
    int evseId,
    Purpose purpose,
    int stackLevel,
    Instant start,
    List<LimitPeriod> periods,
    Instant validTo,
    Optional<String> transactionId) {

  /** The most periods a schedule has (2.0.1's limit; chargers often take fewer). */
  public static final int MAX_PERIODS = 1_024;

  public LimitProfile {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(validTo, "validTo");
    Objects.requireNonNull(transactionId, "transactionId");
    start = start.truncatedTo(ChronoUnit.SECONDS);
    validTo = validTo.truncatedTo(ChronoUnit.SECONDS);
    periods = List.copyOf(periods);
    if (id < 1) {
      throw new IllegalArgumentException("a profile's id is positive, not " + id);
    }
    if (evseId < 0) {
      throw new IllegalArgumentException("an EVSE id is not negative, not " + evseId);
    }
    if (stackLevel < 0) {
      throw new IllegalArgumentException("a stack level is not negative, not " + stackLevel);
    }
    switch (purpose) {
      case EXTERNAL_CONSTRAINTS ->
          throw new IllegalArgumentException(
              "external constraints are set by the charger's own energy management, not by a"
                  + " central system");
      case CHARGER_MAX -> {
        if (evseId != 0) {
          throw new IllegalArgumentException(
              "the charger's maximum is set on EVSE 0 (the whole charger), not " + evseId);
        }
      }
      case TX -> {
        if (evseId == 0 || transactionId.isEmpty()) {
          throw new IllegalArgumentException(
              "a transaction's profile names its transaction and its EVSE (from 1); EVSE "
                  + evseId
                  + ", transaction "
                  + transactionId.orElse("none"));
        }
      }
      case TX_DEFAULT -> {}
    }
    if (purpose != Purpose.TX && transactionId.isPresent()) {
      throw new IllegalArgumentException(
          "only a transaction's profile (TX) names a transaction, not a " + purpose + " one");
    }
    transactionId.ifPresent(
        t -> {
          if (t.isEmpty() || t.length() > 36) {
            throw new IllegalArgumentException(
                "a transaction id has 1 to 36 characters, not " + t.length());
          }
        });
    if (periods.isEmpty() || periods.size() > MAX_PERIODS) {
      throw new IllegalArgumentException(
          "a schedule has 1 to " + MAX_PERIODS + " periods, not " + periods.size());
    }
    if (!periods.get(0).offset().isZero()) {
      throw new IllegalArgumentException(
          "the first period starts at offset 0, not " + periods.get(0).offset());
    }
    for (int i = 1; i < periods.size(); i++) {
      if (periods.get(i).offset().compareTo(periods.get(i - 1).offset()) <= 0) {
        throw new IllegalArgumentException(
            "period offsets increase: period "
                + i
                + " starts at "
                + periods.get(i).offset()
                + ", not after "
                + periods.get(i - 1).offset());
      }
    }
    Instant lastStart = start.plus(periods.get(periods.size() - 1).offset());
    if (!validTo.isAfter(lastStart)) {
      throw new IllegalArgumentException(
          "validTo "
              + validTo
              + " must be after the last period's start "
              + lastStart
              + ", or that period would never apply");
    }
  }

  /** A profile of one constant {@code limit} from {@code start} until {@code validTo}. */
  public static LimitProfile constant(
      int id,
      int evseId,
      Purpose purpose,
      int stackLevel,
      Instant start,
      Power limit,
      Instant validTo,
      Optional<String> transactionId) {
    return new LimitProfile(
        id,
        evseId,
        purpose,
        stackLevel,
        start,
        List.of(LimitPeriod.of(Duration.ZERO, limit)),
        validTo,
        transactionId);
  }

  /** How long the schedule runs: from {@code start} to {@code validTo}, whole seconds. */
  public Duration span() {
    return Duration.between(start, validTo);
  }
}
