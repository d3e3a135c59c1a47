package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A generated argument of a {@link Property}: by its type and range annotations, or, when {@link
 * #value} names one, from the {@link Gen} returned by the test class's method of that name (no
 * parameters, annotated {@link Provide}).
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ForAll {
  /** The name of the method providing the generator, or empty for the type's own. */
  String value() default "";
}
