package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range, both ends included, of a generated an {@code int} (or {@code Integer}), or of a list's
 * elements.
 */
@Documented
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IntRange {
  /** The smallest value. */
  int min() default Integer.MIN_VALUE;

  /** The largest value. */
  int max() default Integer.MAX_VALUE;
}
