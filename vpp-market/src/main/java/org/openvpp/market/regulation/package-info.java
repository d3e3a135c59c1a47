/**
 * Regulation up and down as a fast regulation market sees it: a regulation signal for control tests
 * ({@link org.openvpp.market.regulation.SyntheticRegulationSignal}, ours, not PJM's: no licensed
 * recorded signal is in the project's data, so revenues computed with it are illustrative), and
 * PJM's performance score of a response to a signal ({@link
 * org.openvpp.market.regulation.PerformanceScore}: accuracy, delay and precision as PJM Manual 12
 * defines them, with the readings and deviations its design note lists).
 *
 * <p>Signals and responses are arrays of {@code double} at a fixed step, normalised to the
 * regulation capability (−1 full regulation down, i.e. taking from the grid at the awarded MW; +1
 * full regulation up), or in watts with the capability given as a {@link org.openvpp.units.Power}.
 * docs/markets.md, "Regulation", says what each definition is and where it comes from.
 */
@NullMarked
package org.openvpp.market.regulation;

import org.jspecify.annotations.NullMarked;
