package org.openvpp.service.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.service.events.EventDesk;
import org.openvpp.service.measure.EventResult;
import org.openvpp.settle.CapacityAccreditation;

/**
 * What the API and the dashboard show of the service at one instant: an immutable snapshot the
 * control loop makes on its own thread at every interval boundary and when something changed, read
 * whole by any thread.
 *
 * @param at when it was taken (the service's time)
 * @param fleet the fleet, the register and the books as of {@code at}
 * @param measurements the latest M&amp;V of every event measured
 * @param commitments what was committed to each battery event, kW
 * @param accreditation each program's capacity accreditation as last assessed
 * @param telemetry telemetry so far: accepted, late (kept in history), refused by reason
 * @param readings meter readings so far, by verdict
 * @param refusals events the programs refused (most recent last)
 * @param steps control steps taken since the service started
 * @param alerts parts of the service that failed and fell back, and have not recovered
 * @param planFailures plans that failed since the service started, every program
 */
public record ServiceView(
    Instant at,
    FleetView fleet,
    List<EventResult> measurements,
    Map<String, Double> commitments,
    Map<String, CapacityAccreditation> accreditation,
    Map<String, Long> telemetry,
    Map<ReadingVerdict, Long> readings,
    List<EventDesk.Refusal> refusals,
    long steps,
    List<Alert> alerts,
    long planFailures) {

  public ServiceView {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(fleet, "fleet");
    measurements = List.copyOf(measurements);
    commitments = Map.copyOf(commitments);
    accreditation = Map.copyOf(accreditation);
    telemetry = Map.copyOf(telemetry);
    readings = Map.copyOf(readings);
    refusals = List.copyOf(refusals);
    alerts = List.copyOf(alerts);
  }

  /** Before the first step. */
  public static ServiceView empty(Instant at) {
    return new ServiceView(
        at,
        FleetView.empty(at),
        List.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        List.of(),
        0,
        List.of(),
        0);
  }
}
