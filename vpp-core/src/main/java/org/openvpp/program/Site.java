package org.openvpp.program;

import java.util.Objects;

/**
 * A customer's connection to the grid: one meter, on one feeder, in one region.
 *
 * @param id stable identifier
 * @param customerId the owner
 * @param meterId the utility's meter identifier, whose interval data settles the site
 * @param feeder the distribution feeder
 * @param region the region (eligibility and targeting)
 */
public record Site(String id, String customerId, String meterId, String feeder, String region) {
  public Site {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(feeder, "feeder");
    Objects.requireNonNull(region, "region");
  }
}
