package org.openvpp.service.measure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openvpp.time.Interval;

/**
 * An event's M&amp;V from the meter history: every participant site's result, by revision (a late
 * reading measures the event again as the next revision; settlement reverses the last one's
 * postings and posts the new).
 *
 * @param eventId the event
 * @param programId its program
 * @param window the span measured: the event's window, or up to its cancellation
 * @param revision 1 for the first measurement, then one more each time it is measured again
 * @param measuredAt when
 * @param committedKw the reduction committed through the window (0 when none was sized)
 * @param sites each participant site's result, in the event's participant order
 */
public record EventResult(
    String eventId,
    String programId,
    Interval window,
    int revision,
    Instant measuredAt,
    double committedKw,
    List<SiteResult> sites) {

  public EventResult {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(measuredAt, "measuredAt");
    sites = List.copyOf(sites);
  }

  /** Energy delivered by the measured sites, kWh (opted-out sites included: they are measured). */
  public double deliveredKwh() {
    double sum = 0;
    for (SiteResult s : sites) {
      sum += s.status() == SiteResult.Status.MEASURED ? s.deliveredKwh() : 0;
    }
    return sum;
  }

  /** Baseline energy of the measured sites, kWh. */
  public double baselineKwh() {
    double sum = 0;
    for (SiteResult s : sites) {
      sum += s.status() == SiteResult.Status.MEASURED ? s.baselineKwh() : 0;
    }
    return sum;
  }

  /** Metered energy of the measured sites, kWh. */
  public double meteredKwh() {
    double sum = 0;
    for (SiteResult s : sites) {
      sum += s.status() == SiteResult.Status.MEASURED ? s.meteredKwh() : 0;
    }
    return sum;
  }

  /** The committed energy over the window, kWh. */
  public double committedKwh() {
    return committedKw * window.length().toSeconds() / 3600.0;
  }

  /** Sites with {@code status}. */
  public long count(SiteResult.Status status) {
    return sites.stream().filter(s -> s.status() == status).count();
  }

  /** Sites measured by the program's fallback method. */
  public long byFallback() {
    return sites.stream().filter(SiteResult::fallback).count();
  }

  /** Whether every participant that may be measured has been (no readings still missing). */
  public boolean complete() {
    return count(SiteResult.Status.NO_DATA) == 0;
  }
}
