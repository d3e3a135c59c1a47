package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The length, both ends included, of a generated list or byte array; one must have it. */
@Documented
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Size {
  /** The shortest. */
  int min() default 0;

  /** The longest. */
  int max();
}
