package org.openvpp.server.http;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.openvpp.units.Money;

/** Amounts of money as the API writes and reads them: exact decimal strings of US dollars. */
final class Usd {
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,8})?");

  private Usd() {}

  /** {@code m} with at least its cents: {@code "2.50"}, {@code "0.0125"}. */
  static String text(Money m) {
    BigDecimal a = m.amount();
    return a.setScale(Math.max(2, a.scale())).toPlainString();
  }

  /** An amount not below zero written as a plain decimal, such as {@code "2.50"}. */
  static Money parse(String field, String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw ApiError.badRequest(
          field + " must be a plain decimal of US dollars such as \"2.50\", was '" + text + "'");
    }
    return Money.usd(text);
  }

  /** A fraction written as a plain decimal, such as {@code "0.25"}. */
  static BigDecimal fraction(String field, String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw ApiError.badRequest(
          field + " must be a plain decimal such as \"0.25\", was '" + text + "'");
    }
    return new BigDecimal(text);
  }
}
