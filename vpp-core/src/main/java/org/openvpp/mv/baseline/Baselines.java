package org.openvpp.mv.baseline;

import java.util.List;
import java.util.Optional;

/** The per-site baseline methods by name. */
public final class Baselines {
  private static final List<Baseline> ALL =
      List.of(
          new CaisoTenInTen(),
          new PjmHighFourOfFive(),
          new MatchDay(),
          new CalTrackHourly(),
          new DayOfMean());

  private Baselines() {}

  /** Every method, in a fixed order. */
  public static List<Baseline> all() {
    return ALL;
  }

  /** The names, in the same order. */
  public static List<String> names() {
    return ALL.stream().map(Baseline::name).toList();
  }

  public static Optional<Baseline> byName(String name) {
    return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
