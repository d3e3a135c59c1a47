package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range, both ends included, of a generated {@link java.math.BigDecimal}: decimal strings; the
 * values have {@link #scale} decimal places.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BigRange {
  /** The smallest value. */
  String min();

  /** The largest value. */
  String max();

  /** Decimal places. */
  int scale() default 2;
}
