package org.openvpp.openadr.ven;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.openvpp.time.Interval;

/**
 * One interval of an event: its id, when it runs, and the value of each signal OpenVPP acts on (the
 * first value of the payload; OpenVPP's signals carry one value each).
 */
public record EventInterval(int id, Interval window, Map<Signal, Double> values) {

  public EventInterval {
    values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
  }

  /** The value of {@code signal} in this interval, if the event gives one. */
  public Optional<Double> value(Signal signal) {
    return Optional.ofNullable(values.get(signal));
  }
}
