package org.openvpp.settle;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openvpp.units.Power;

/**
 * A program's capacity: enrolled, available now, delivered in past events, and the capacity it may
 * be credited with.
 *
 * <p><b>Method</b> (docs/settlement.md). For each past event, the performance ratio is the mean
 * power delivered over the event divided by the capacity dispatched for it, clamped to [0, 1]. The
 * accredited ratio is the 20th percentile of those ratios by the nearest-rank method (the value at
 * rank ⌈0.2·n⌉ of the ratios sorted ascending; with five events or fewer that is the worst one): a
 * figure the fleet beat in four events out of five. Accredited capacity = available capacity ×
 * accredited ratio. With no past event the accredited capacity is zero: capacity is credited only
 * once it has been shown.
 *
 * @param programId the program
 * @param enrolled capacity enrolled
 * @param available capacity that may be dispatched now (enrolled, consent in force)
 * @param delivered mean power delivered over the past events (zero with none)
 * @param events the number of past events used
 * @param ratio the accredited ratio
 * @param accredited {@code available × ratio}
 */
public record CapacityAccreditation(
    String programId,
    Power enrolled,
    Power available,
    Power delivered,
    int events,
    double ratio,
    Power accredited) {

  /**
   * One past event.
   *
   * @param eventId the event
   * @param dispatched capacity dispatched for it (enrolled, available and not opted out)
   * @param delivered mean power delivered over it
   */
  public record PastEvent(String eventId, Power dispatched, Power delivered) {
    public PastEvent {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(dispatched, "dispatched");
      Objects.requireNonNull(delivered, "delivered");
      if (dispatched.watts() <= 0) {
        throw new IllegalArgumentException(
            "event " + eventId + " dispatched no capacity; leave it out of accreditation");
      }
    }

    /** Delivered over dispatched, within [0, 1]. */
    public double ratio() {
      return Math.max(0, Math.min(1, delivered.watts() / dispatched.watts()));
    }
  }

  public CapacityAccreditation {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(enrolled, "enrolled");
    Objects.requireNonNull(available, "available");
    Objects.requireNonNull(delivered, "delivered");
    Objects.requireNonNull(accredited, "accredited");
  }

  /** The assessment by the method above. */
  public static CapacityAccreditation assess(
      String programId, Power enrolled, Power available, List<PastEvent> past) {
    if (past.isEmpty()) {
      return new CapacityAccreditation(
          programId, enrolled, available, Power.ZERO, 0, 0, Power.ZERO);
    }
    double[] ratios = new double[past.size()];
    double delivered = 0;
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = past.get(i).ratio();
      delivered += past.get(i).delivered().watts();
    }
    Arrays.sort(ratios);
    int rank = (int) Math.ceil(0.2 * ratios.length);
    double ratio = ratios[Math.max(1, rank) - 1];
    return new CapacityAccreditation(
        programId,
        enrolled,
        available,
        Power.ofWatts(delivered / ratios.length),
        ratios.length,
        ratio,
        available.times(ratio));
  }

  /** One line for reports. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s: enrolled %.3f MW, available %.3f MW, delivered %.3f MW (mean over %d event(s)),"
            + " accredited %.3f MW (P20 ratio %.3f)",
        programId,
        enrolled.watts() / 1e6,
        available.watts() / 1e6,
        delivered.watts() / 1e6,
        events,
        accredited.watts() / 1e6,
        ratio);
  }
}
