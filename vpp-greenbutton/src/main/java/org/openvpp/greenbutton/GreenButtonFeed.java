package org.openvpp.greenbutton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openvpp.meter.MeterReading;

/**
 * What a Green Button file or feed holds for OpenVPP: its electric usage points with interval data,
 * in file order. A file with one usage point (the usual Download My Data) is read through {@link
 * #only()} or {@link #readings(String)}; with several, the caller picks one by {@link
 * #usagePoint(String)}.
 *
 * @param usagePoints at least one
 */
public record GreenButtonFeed(List<UsagePoint> usagePoints) {

  public GreenButtonFeed {
    usagePoints = List.copyOf(usagePoints);
    if (usagePoints.isEmpty()) {
      throw new IllegalArgumentException("a feed has at least one usage point");
    }
  }

  /**
   * The feed's only usage point.
   *
   * @throws GreenButtonException {@code AMBIGUOUS} if it has several, naming them
   */
  public UsagePoint only() {
    if (usagePoints.size() == 1) {
      return usagePoints.get(0);
    }
    throw new GreenButtonException(
        GreenButtonException.Reason.AMBIGUOUS,
        "the feed has "
            + usagePoints.size()
            + " usage points with interval data: "
            + usagePoints.stream().map(UsagePoint::describe).collect(Collectors.joining(", "))
            + "; choose one by its href");
  }

  /** The usage point whose {@code self} link is {@code href}. */
  public Optional<UsagePoint> usagePoint(String href) {
    return usagePoints.stream().filter(p -> p.href().equals(href)).findFirst();
  }

  /**
   * The only usage point's intervals as readings of {@code meterId}.
   *
   * @throws GreenButtonException {@code AMBIGUOUS} if the feed has several usage points
   */
  public List<MeterReading> readings(String meterId) {
    return only().readings(meterId);
  }

  /** Every usage point's refusals, in file order of the usage points. */
  public List<Refusal> refusals() {
    List<Refusal> all = new ArrayList<>();
    for (UsagePoint p : usagePoints) {
      all.addAll(p.refusals());
    }
    return List.copyOf(all);
  }
}
