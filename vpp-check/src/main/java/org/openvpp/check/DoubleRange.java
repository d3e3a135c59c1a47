package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range, both ends included, of a generated {@code double} (or {@code Double}), or of a list's
 * elements; a {@code double} parameter must have one.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DoubleRange {
  /** The smallest value. */
  double min();

  /** The largest value. */
  double max();
}
