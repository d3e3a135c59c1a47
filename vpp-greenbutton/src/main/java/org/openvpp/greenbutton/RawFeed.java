package org.openvpp.greenbutton;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openvpp.meter.ReadingVerdict;

/**
 * The ESPI objects {@link FeedParser} found in a feed, in file order, before {@link FeedLinker}
 * links them by their hrefs.
 */
record RawFeed(
    List<UsagePointEntry> usagePoints,
    List<FieldsEntry> timeParameters,
    List<Entry> meterReadings,
    List<FieldsEntry> readingTypes,
    List<BlockEntry> blocks) {

  /** An Atom entry's links and title; hrefs as written. */
  record Entry(
      int line, String title, @Nullable String self, @Nullable String up, List<String> related) {

    String name() {
      return self != null ? self : "without a self link";
    }
  }

  /** A leaf element's text and where it was. */
  record Field(String text, int line) {}

  /** A UsagePoint and its ServiceCategory kind, if stated. */
  record UsagePointEntry(Entry entry, @Nullable Field serviceKind) {}

  /** An object read as its simple child elements: ReadingType, LocalTimeParameters. */
  record FieldsEntry(Entry entry, Map<String, Field> fields) {}

  /** An IntervalBlock's readings. */
  record BlockEntry(Entry entry, List<Reading> readings) {}

  /**
   * One IntervalReading: its numbers, or the problem that keeps it from having them.
   *
   * @param index its position among the file's IntervalReadings, from 1
   * @param problem set when a number is missing or not a whole number; the numbers are then 0
   */
  record Reading(
      int index,
      int line,
      long start,
      long duration,
      long value,
      @Nullable ReadingVerdict problem,
      String problemMessage) {}
}
