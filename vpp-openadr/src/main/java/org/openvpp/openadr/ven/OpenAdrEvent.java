package org.openvpp.openadr.ven;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.program.EventBook;
import org.openvpp.program.EventSource;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * An OpenADR event as OpenVPP reads it: the VTN's ids, when it runs, its intervals with the values
 * of the signals OpenVPP acts on, its targets, and the reports it asks for.
 *
 * <p>Design note: what is mapped to OpenVPP's {@link GridEvent} and {@link ProgramEvent}.
 *
 * <ul>
 *   <li>The window runs from the start of the first interval to the end of the last.
 *   <li>{@code DISPATCH_SETPOINT_RELATIVE} in KW (or W, MW) with a negative value asks a reduction:
 *       the largest one asked in any interval is the requested reduction.
 *   <li>{@code SIMPLE} at level 1 to 3 in some interval, or an {@code IMPORT_CAPACITY_LIMIT}, is a
 *       peak event without a figure ({@code requested} empty: hold as much as the group can). A
 *       limit is not a reduction (it needs the site's baseline to become one); it is kept here,
 *       {@link #importLimit()}, for a planner that can honour it.
 *   <li>{@code PRICE}, {@code EXPORT_PRICE}, {@code GHG} and {@code EXPORT_CAPACITY_LIMIT} alone,
 *       or {@code SIMPLE} at level 0 throughout, are not a request to reduce: {@link #toGridEvent}
 *       is empty; the values are here for the planner.
 *   <li>Targets: {@code group:NAME} names the OpenVPP group asked (else the whole fleet); {@code
 *       region:NAME} and {@code feeder:NAME} give the program's {@link Targeting}. Other targets
 *       are kept but not interpreted.
 * </ul>
 *
 * What is refused (by the VEN, counted and logged, never handed on): an event without a finite
 * start and duration for its intervals, values of OpenVPP's signals that are not numbers, SIMPLE
 * levels outside 0..3, power units OpenVPP does not know, and events carrying none of OpenVPP's
 * {@link Signal}s.
 *
 * @param id the VTN's id of the event
 * @param programId the VTN's id of its program
 * @param programName the program's name
 * @param eventName the event's name ({@code ""} when it has none)
 * @param window from the first interval's start to the last one's end
 * @param intervals the intervals in order
 * @param units the units of each signal, from the payload descriptors ({@code ""} when not given)
 * @param targets the targets the VTN showed
 * @param priority the event's priority (0 highest), if given
 * @param reports the reports the event asks for
 * @param modified when the VTN last modified the event
 */
public record OpenAdrEvent(
    String id,
    String programId,
    String programName,
    String eventName,
    Interval window,
    List<EventInterval> intervals,
    Map<Signal, String> units,
    List<String> targets,
    OptionalInt priority,
    List<ReportRequest> reports,
    Instant modified) {

  public OpenAdrEvent {
    intervals = List.copyOf(intervals);
    units = Map.copyOf(units);
    targets = List.copyOf(targets);
    reports = List.copyOf(reports);
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("event " + id + " has no intervals");
    }
  }

  /** The largest reduction asked in any interval, if the event gives a figure. */
  public Optional<Power> requestedReduction() {
    double kw = 0;
    for (EventInterval i : intervals) {
      Optional<Double> v = i.value(Signal.DISPATCH_SETPOINT_RELATIVE);
      if (v.isPresent() && v.get() < 0) {
        kw =
            Math.max(
                kw,
                -v.get() * kilowattsPer(units.getOrDefault(Signal.DISPATCH_SETPOINT_RELATIVE, "")));
      }
    }
    return kw > 0 ? Optional.of(Power.ofKilowatts(kw)) : Optional.empty();
  }

  /** The lowest import limit of any interval, if the event sets one. */
  public Optional<Power> importLimit() {
    return intervals.stream()
        .flatMap(i -> i.value(Signal.IMPORT_CAPACITY_LIMIT).stream())
        .min(Double::compare)
        .map(
            v ->
                Power.ofKilowatts(
                    v * kilowattsPer(units.getOrDefault(Signal.IMPORT_CAPACITY_LIMIT, ""))));
  }

  /** Whether the event asks the fleet to reduce (see the design note). */
  public boolean asksReduction() {
    return requestedReduction().isPresent()
        || intervals.stream()
            .anyMatch(
                i ->
                    i.value(Signal.SIMPLE).orElse(0.0) >= 1
                        || i.value(Signal.IMPORT_CAPACITY_LIMIT).isPresent());
  }

  /** The OpenVPP group asked: the first {@code group:NAME} target, or the whole fleet. */
  public GroupId group() {
    return targets.stream()
        .filter(t -> t.startsWith("group:"))
        .findFirst()
        .map(t -> GroupId.of(t.substring("group:".length())))
        .orElse(GroupId.FLEET);
  }

  /** Which of a program's sites are asked, from {@code region:} and {@code feeder:} targets. */
  public Targeting targeting() {
    return new Targeting(prefixed("region:"), prefixed("feeder:"));
  }

  private Optional<String> prefixed(String prefix) {
    return targets.stream()
        .filter(t -> t.startsWith(prefix) && t.length() > prefix.length())
        .findFirst()
        .map(t -> t.substring(prefix.length()));
  }

  /** This event as OpenVPP's grid event, when it asks a reduction; received at {@code received}. */
  public Optional<GridEvent> toGridEvent(Instant received) {
    if (!asksReduction()) {
      return Optional.empty();
    }
    return Optional.of(
        new GridEvent(
            id,
            GridEvent.Kind.PEAK_REDUCTION,
            window,
            group(),
            requestedReduction(),
            "openadr:" + programName,
            received));
  }

  /**
   * Books this event in OpenVPP's {@code book} as an event of OpenVPP's program {@code
   * openvppProgramId}, created at {@code at}, under the VTN's event id.
   *
   * @throws org.openvpp.program.ProgramException if the program's limits refuse it
   */
  public ProgramEvent bookIn(EventBook book, String openvppProgramId, Instant at) {
    return book.create(
        id,
        openvppProgramId,
        EventSource.UTILITY_OPENADR,
        window,
        targeting(),
        requestedReduction(),
        at);
  }

  /** The factor from {@code units} to kW; KW when not given. */
  static double kilowattsPer(String units) {
    return switch (units) {
      case "", "KW" -> 1;
      case "W" -> 0.001;
      case "MW" -> 1000;
      default -> throw new IllegalArgumentException("not a power unit OpenVPP knows: " + units);
    };
  }

  /** The intervals as a list of windows. */
  public List<Interval> windows() {
    List<Interval> out = new ArrayList<>();
    intervals.forEach(i -> out.add(i.window()));
    return out;
  }
}
