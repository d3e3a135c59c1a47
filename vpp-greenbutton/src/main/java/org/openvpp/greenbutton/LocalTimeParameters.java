package org.openvpp.greenbutton;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A usage point's local time as ESPI states it ({@code LocalTimeParameters}): the standard offset
 * from UTC, the daylight-saving offset added to it, and the rules saying when daylight saving
 * starts and ends.
 *
 * <p>Design note. A rule is ESPI's 32-bit {@code DstRuleType} (written in hex, as {@code
 * 360E2000}): bits 28-31 the month (1-12), 25-27 an operator, 20-24 a day of the month, 17-19 a day
 * of the week (1 = Monday … 7 = Sunday), 12-16 the hour and 0-11 the seconds into it. The
 * operators: 0 on the day of the month; 1 on the first given weekday on or after it; 2 to 6 on its
 * first to fifth occurrence in the month; 7 on its last. {@code FFFFFFFF} means no rule. ESPI does
 * not say which clock the hour is read on; this class reads it on the wall clock before the change
 * (standard time at the start, daylight time at the end), which is how North America's "2 a.m." is
 * stated and how the sample files use it: {@code 360E2000} (second Sunday of March, 02:00) and
 * {@code B40E2000} (first Sunday of November, 02:00).
 *
 * @param standardOffset the offset from UTC outside daylight saving ({@code tzOffset})
 * @param dstOffset what daylight saving adds ({@code dstOffset}); zero where it is not observed
 * @param dstStartRule when it starts, or {@link #NO_RULE}
 * @param dstEndRule when it ends, or {@link #NO_RULE}
 */
public record LocalTimeParameters(
    ZoneOffset standardOffset, Duration dstOffset, int dstStartRule, int dstEndRule) {

  /** The rule value ESPI uses for "no daylight-saving change". */
  public static final int NO_RULE = 0xFFFFFFFF;

  public LocalTimeParameters {
    Objects.requireNonNull(standardOffset, "standardOffset");
    Objects.requireNonNull(dstOffset, "dstOffset");
    if (dstOffset.isNegative() || dstOffset.compareTo(Duration.ofHours(2)) > 0) {
      throw new IllegalArgumentException(
          "a daylight-saving offset is 0 to 2 hours, was " + dstOffset.toSeconds() + " s");
    }
    check("dstStartRule", dstStartRule);
    check("dstEndRule", dstEndRule);
  }

  /**
   * The parameters of {@code zone} under the rules it follows after {@code at}: its standard offset
   * at {@code at}, and its recurring daylight-saving rules if it has any.
   *
   * @throws IllegalArgumentException if the zone's rules have no ESPI encoding (a change at 24:00,
   *     or one stated in a time that falls on another day)
   */
  public static LocalTimeParameters of(ZoneId zone, Instant at) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffsetTransitionRule> changes = rules.getTransitionRules();
    if (changes.isEmpty()) {
      return new LocalTimeParameters(rules.getStandardOffset(at), Duration.ZERO, NO_RULE, NO_RULE);
    }
    ZoneOffsetTransitionRule start = null;
    ZoneOffsetTransitionRule end = null;
    for (ZoneOffsetTransitionRule change : changes) {
      if (change.getOffsetAfter().getTotalSeconds() > change.getOffsetBefore().getTotalSeconds()) {
        start = change;
      } else {
        end = change;
      }
    }
    if (changes.size() != 2 || start == null || end == null) {
      throw new IllegalArgumentException(
          "zone " + zone + " does not change once into and once out of daylight saving a year");
    }
    Duration saving =
        Duration.ofSeconds(
            start.getOffsetAfter().getTotalSeconds() - start.getOffsetBefore().getTotalSeconds());
    return new LocalTimeParameters(
        start.getStandardOffset(), saving, encode(zone, start), encode(zone, end));
  }

  /** Whether daylight saving is observed: an offset and both rules. */
  public boolean observesDst() {
    return !dstOffset.isZero() && dstStartRule != NO_RULE && dstEndRule != NO_RULE;
  }

  /** The offset from UTC in force at {@code instant}, by these parameters. */
  public ZoneOffset offsetAt(Instant instant) {
    if (!observesDst()) {
      return standardOffset;
    }
    ZoneOffset daylight =
        ZoneOffset.ofTotalSeconds(standardOffset.getTotalSeconds() + (int) dstOffset.toSeconds());
    int year = instant.atOffset(standardOffset).getYear();
    Instant start = change(dstStartRule, year).toInstant(standardOffset);
    Instant end = change(dstEndRule, year).toInstant(daylight);
    boolean inDst =
        start.isBefore(end)
            ? !instant.isBefore(start) && instant.isBefore(end)
            : !instant.isBefore(start) || instant.isBefore(end);
    return inDst ? daylight : standardOffset;
  }

  /** A rule as ESPI writes it: eight hex digits, such as {@code 360E2000}. */
  public static String hex(int rule) {
    return String.format(Locale.ROOT, "%08X", rule);
  }

  /** The wall-clock time, before the change, at which {@code rule} changes the clock in a year. */
  private static LocalDateTime change(int rule, int year) {
    int month = rule >>> 28;
    int operator = (rule >>> 25) & 0x7;
    int dayOfMonth = (rule >>> 20) & 0x1F;
    int weekday = (rule >>> 17) & 0x7;
    int hour = (rule >>> 12) & 0x1F;
    int seconds = rule & 0xFFF;
    YearMonth ym = YearMonth.of(year, month);
    LocalDate date;
    if (operator == 0) {
      date = ym.atDay(Math.min(dayOfMonth, ym.lengthOfMonth()));
    } else {
      DayOfWeek dow = DayOfWeek.of(weekday);
      date =
          switch (operator) {
            case 1 ->
                ym.atDay(Math.min(dayOfMonth, ym.lengthOfMonth()))
                    .with(TemporalAdjusters.nextOrSame(dow));
            case 7 -> ym.atDay(1).with(TemporalAdjusters.lastInMonth(dow));
            default -> ym.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(operator - 1, dow));
          };
    }
    return date.atTime(LocalTime.ofSecondOfDay(hour * 3600L + seconds));
  }

  private static void check(String field, int rule) {
    if (rule == NO_RULE) {
      return;
    }
    int month = rule >>> 28;
    int operator = (rule >>> 25) & 0x7;
    int dayOfMonth = (rule >>> 20) & 0x1F;
    int weekday = (rule >>> 17) & 0x7;
    int hour = (rule >>> 12) & 0x1F;
    int seconds = rule & 0xFFF;
    String problem = null;
    if (month < 1 || month > 12) {
      problem = "month " + month;
    } else if (operator <= 1 && (dayOfMonth < 1 || dayOfMonth > Month.of(month).maxLength())) {
      problem = "day of the month " + dayOfMonth;
    } else if (operator >= 1 && (weekday < 1 || weekday > 7)) {
      problem = "day of the week " + weekday;
    } else if (hour > 23 || seconds > 3599) {
      problem = "time " + hour + " h " + seconds + " s";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          field
              + " "
              + hex(rule)
              + " is not an ESPI daylight-saving rule ("
              + problem
              + "); a rule encodes a month 1-12, a day of the month 1-31 or a day of the week"
              + " 1-7, and a time before 24:00, or is FFFFFFFF for none");
    }
  }

  private static int encode(ZoneId zone, ZoneOffsetTransitionRule change) {
    LocalDateTime stated = LocalDate.of(2001, change.getMonth(), 15).atTime(change.getLocalTime());
    LocalDateTime wall =
        change
            .getTimeDefinition()
            .createDateTime(stated, change.getStandardOffset(), change.getOffsetBefore());
    DayOfWeek weekday = change.getDayOfWeek();
    int day = change.getDayOfMonthIndicator();
    if (change.isMidnightEndOfDay()
        || !wall.toLocalDate().equals(stated.toLocalDate())
        || (weekday == null ? day < 1 : day < 1 && day != -1)) {
      throw new IllegalArgumentException(
          "zone "
              + zone
              + " changes its clocks by a rule ESPI cannot state ("
              + change
              + "); write the file in a zone whose changes fall on a stated day before 24:00,"
              + " such as the customer's standard offset");
    }
    int operator;
    int dayOfMonth = 0;
    if (weekday == null) {
      operator = 0;
      dayOfMonth = day;
    } else if (day == -1) {
      operator = 7;
    } else if (day <= 22 && (day - 1) % 7 == 0) {
      operator = 2 + (day - 1) / 7; // on or after the 1st, 8th, 15th, 22nd: the nth occurrence
    } else {
      operator = 1;
      dayOfMonth = day;
    }
    int secondOfDay = wall.toLocalTime().toSecondOfDay();
    return change.getMonth().getValue() << 28
        | operator << 25
        | dayOfMonth << 20
        | (weekday == null ? 0 : weekday.getValue()) << 17
        | (secondOfDay / 3600) << 12
        | (secondOfDay % 3600);
  }
}
