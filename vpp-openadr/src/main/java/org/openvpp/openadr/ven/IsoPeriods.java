package org.openvpp.openadr.ven;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 durations as OpenADR writes them ({@code PT1H}, {@code P1D}, {@code P1Y}), added to an
 * instant in UTC.
 */
final class IsoPeriods {

  private static final Pattern DURATION =
      Pattern.compile(
          "^P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

  private IsoPeriods() {}

  /**
   * {@code start} plus {@code duration}, or empty if it is not a non-negative ISO 8601 duration.
   */
  static Optional<Instant> plus(Instant start, String duration) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) {
      return Optional.empty();
    }
    ZonedDateTime t = start.atZone(ZoneOffset.UTC);
    t = t.plusYears(num(m.group(1))).plusMonths(num(m.group(2)));
    long days = num(m.group(3));
    t = "W".equals(m.group(4)) ? t.plusWeeks(days) : t.plusDays(days);
    t = t.plusHours(num(m.group(5))).plusMinutes(num(m.group(6)));
    if (m.group(7) != null) {
      t = t.plusNanos(new BigDecimal(m.group(7)).movePointRight(9).longValue());
    }
    return Optional.of(t.toInstant());
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
