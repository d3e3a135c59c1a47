package org.openvpp.program;

import java.util.Objects;
import java.util.Optional;

/**
 * Which of a program's sites an event asks: all of them, or those of one region, or of one feeder.
 *
 * @param region only sites in this region, if given
 * @param feeder only sites on this feeder, if given
 */
public record Targeting(Optional<String> region, Optional<String> feeder) {
  public Targeting {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(feeder, "feeder");
  }

  public static Targeting wholeProgram() {
    return new Targeting(Optional.empty(), Optional.empty());
  }

  public static Targeting region(String region) {
    return new Targeting(Optional.of(region), Optional.empty());
  }

  public static Targeting feeder(String feeder) {
    return new Targeting(Optional.empty(), Optional.of(feeder));
  }

  public boolean includes(Site site) {
    return region.map(site.region()::equals).orElse(true)
        && feeder.map(site.feeder()::equals).orElse(true);
  }
}
