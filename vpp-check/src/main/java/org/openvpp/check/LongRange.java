package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range, both ends included, of a generated a {@code long} (or {@code Long}), or of a list's
 * elements.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface LongRange {
  /** The smallest value. */
  long min() default Long.MIN_VALUE;

  /** The largest value. */
  long max() default Long.MAX_VALUE;
}
