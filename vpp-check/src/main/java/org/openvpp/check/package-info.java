/**
 * Property-based testing over JUnit 5, for OpenVPP's own tests.
 *
 * <p>A method annotated {@link org.openvpp.check.Property} is a JUnit test that runs many tries;
 * each of its parameters, annotated {@link org.openvpp.check.ForAll}, gets a generated value: from
 * its type and a range annotation ({@link org.openvpp.check.IntRange}, {@link
 * org.openvpp.check.LongRange}, {@link org.openvpp.check.DoubleRange}, {@link
 * org.openvpp.check.BigRange}, {@link org.openvpp.check.Size}), or from a {@link
 * org.openvpp.check.Gen} that a method of the test class named in {@code @ForAll("name")} returns.
 * A failing try is shrunk to a simpler failing case and reported with the seed that reproduces it.
 * How it works: {@link org.openvpp.check.Choices} (design note there).
 */
@NullMarked
package org.openvpp.check;

import org.jspecify.annotations.NullMarked;
