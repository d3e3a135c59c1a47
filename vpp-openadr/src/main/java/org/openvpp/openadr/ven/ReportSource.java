package org.openvpp.openadr.ven;

import java.util.OptionalDouble;

/**
 * The values a {@link Ven} reports: implemented by the caller (the run gives metered values).
 * Called at each poll once an event has ended, for each report it asks for and each of its
 * intervals, until some value is there (then the report is posted, once).
 */
public interface ReportSource {

  /**
   * The value of {@code request.payloadType()} (for example {@code USAGE} in kWh, {@code BASELINE},
   * {@code DEMAND} in kW) over {@code interval} of {@code event}, in {@code request.units()}; empty
   * when there is none (that interval is left out of the report; with no value at all, the VEN asks
   * again at its next poll).
   */
  OptionalDouble value(OpenAdrEvent event, ReportRequest request, EventInterval interval);

  /** A source with no values: the VEN reports nothing. */
  static ReportSource none() {
    return (event, request, interval) -> OptionalDouble.empty();
  }
}
