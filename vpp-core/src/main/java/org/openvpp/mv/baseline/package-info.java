/**
 * Customer baselines for measurement and verification: what a site's load would have been during an
 * event had there been no event, estimated from its interval meter data.
 *
 * <p>{@link org.openvpp.mv.baseline.MeterData} holds one site's interval energy (kWh per interval,
 * primitive arrays, a time zone so the methods can reason in local days, and optionally the outdoor
 * temperature). {@link org.openvpp.mv.baseline.Baseline} is the common interface of the per-site
 * methods: {@link org.openvpp.mv.baseline.CaisoTenInTen}, {@link
 * org.openvpp.mv.baseline.PjmHighFourOfFive}, {@link org.openvpp.mv.baseline.MatchDay} and {@link
 * org.openvpp.mv.baseline.CalTrackHourly}; {@link org.openvpp.mv.baseline.Baselines} finds them by
 * name. {@link org.openvpp.mv.baseline.ControlGroupBaseline} estimates a treated group's baseline
 * from a randomised control group. {@link org.openvpp.mv.baseline.BaselineAccuracy} measures a
 * method on days without events. The definitions and the rules chosen where a definition leaves
 * room are written down in {@code docs/baselines.md}.
 */
@NullMarked
package org.openvpp.mv.baseline;

import org.jspecify.annotations.NullMarked;
