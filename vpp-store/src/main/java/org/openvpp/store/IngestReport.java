package org.openvpp.store;

import java.util.List;
import java.util.Objects;

/**
 * What a bulk ingest did with the rows it was given. Every row is accounted for: {@code received =
 * stored + duplicates + rejected}.
 *
 * @param received rows given
 * @param stored rows written
 * @param duplicates rows not written because a row with the same key (device or meter, and time)
 *     came earlier in the same call or is already stored: the first one is kept
 * @param rejected rows refused as invalid
 * @param reasons why, for the first {@link #MAX_REASONS} rejected rows, each naming the row by its
 *     index in the input
 */
public record IngestReport(
    int received, int stored, int duplicates, int rejected, List<String> reasons) {
  public static final int MAX_REASONS = 20;

  public IngestReport {
    Objects.requireNonNull(reasons, "reasons");
    reasons = List.copyOf(reasons);
    if (received != stored + duplicates + rejected) {
      throw new IllegalArgumentException(
          "ingest report does not add up: "
              + received
              + " received, "
              + stored
              + " stored, "
              + duplicates
              + " duplicates, "
              + rejected
              + " rejected");
    }
  }
}
