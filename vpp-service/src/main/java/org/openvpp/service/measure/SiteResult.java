package org.openvpp.service.measure;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * How one participant site did in one event, as measured from the meter history.
 *
 * @param siteId the site
 * @param customerId who is paid
 * @param status whether it could be measured
 * @param method the baseline method that measured it ({@code ""} when none could)
 * @param fallback whether {@code method} is the program's fallback (the site's history was too
 *     short for its method)
 * @param referenceDays the days the baseline was made from, most recent first
 * @param basis how the baseline was made, one line
 * @param baselineKwh baseline energy over the event
 * @param meteredKwh metered energy over the event (net, load convention)
 * @param deliveredKwh {@code baseline − metered}: a reduction is positive
 * @param optedOut whether the site opted out (it is measured and earns nothing event-based)
 * @param baselineByInterval baseline kWh per event interval
 * @param meteredByInterval metered kWh per event interval
 */
public record SiteResult(
    String siteId,
    String customerId,
    Status status,
    String method,
    boolean fallback,
    List<LocalDate> referenceDays,
    String basis,
    double baselineKwh,
    double meteredKwh,
    double deliveredKwh,
    boolean optedOut,
    List<Double> baselineByInterval,
    List<Double> meteredByInterval) {

  /** Whether a site could be measured. */
  public enum Status {
    /** Measured by its program's method or the fallback. */
    MEASURED,
    /**
     * Some of its readings over the event are not in the history (yet): measured when they come.
     */
    NO_DATA,
    /** Its customer's consent to meter data did not cover the event: not measured, not paid. */
    NO_CONSENT,
    /** Neither the method nor the fallback could make a baseline (the basis says why). */
    NO_BASELINE,
    /**
     * Its meter is measured in an overlapping event of another program that ranks first (the basis
     * names it): a site's response at its meter is counted, and paid by the kWh, once.
     */
    MEASURED_ELSEWHERE
  }

  public SiteResult {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(method, "method");
    referenceDays = List.copyOf(referenceDays);
    Objects.requireNonNull(basis, "basis");
    baselineByInterval = List.copyOf(baselineByInterval);
    meteredByInterval = List.copyOf(meteredByInterval);
  }

  /** A site not measured, with why. */
  static SiteResult unmeasured(
      String siteId, String customerId, Status status, String basis, boolean optedOut) {
    return new SiteResult(
        siteId,
        customerId,
        status,
        "",
        false,
        List.of(),
        basis,
        0,
        0,
        0,
        optedOut,
        List.of(),
        List.of());
  }
}
