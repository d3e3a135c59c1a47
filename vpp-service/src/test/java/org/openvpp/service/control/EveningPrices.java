package org.openvpp.service.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.openvpp.service.prices.DayAheadPrices;

/** Day-ahead prices for tests: 30 USD/MWh, but 120 from 17:00 to 21:00, so a day plan trades. */
final class EveningPrices {
  private EveningPrices() {}

  /** At node {@code NODE}, for {@code days} local days from {@code first}. */
  static DayAheadPrices of(ZoneId zone, LocalDate first, int days) {
    StringBuilder csv = new StringBuilder("start,usd_per_mwh\n");
    for (int d = 0; d < days; d++) {
      for (int h = 0; h < 24; h++) {
        Instant at = first.plusDays(d).atStartOfDay(zone).plusHours(h).toInstant();
        csv.append(at).append(',').append(h >= 17 && h < 21 ? 120 : 30).append('\n');
      }
    }
    String text = csv.toString();
    DayAheadPrices.PriceSource source =
        new DayAheadPrices.PriceSource() {
          @Override
          public Optional<String> fetch(LocalDate ignored) {
            return Optional.of(text);
          }

          @Override
          public boolean wholeFile() {
            return true;
          }

          @Override
          public String describe() {
            return "test prices";
          }
        };
    return new DayAheadPrices(zone, Map.of("NODE", source), Map.of());
  }
}
