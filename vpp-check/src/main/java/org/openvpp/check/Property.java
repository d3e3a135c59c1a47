package org.openvpp.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property: a JUnit test run {@link #tries} times with generated arguments (every parameter
 * {@link ForAll}). The tries are drawn from a seed fixed by the test's class and method, so every
 * run checks the same cases; {@code -Dopenvpp.check.seed=random} (or a number) explores others and
 * {@code -Dopenvpp.check.tries=N} runs N tries for every property. A failure names the seed and is
 * shrunk to a simpler case, unless {@code -Dopenvpp.check.shrink=off} (mutation testing, where only
 * whether a property fails matters).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(PropertyExtension.class)
public @interface Property {
  /** How many tries. */
  int tries() default 1000;
}
