/**
 * {@code ./vpp baseline}: baselines for analysts from CSV files ({@link
 * org.openvpp.server.baseline.BaselineCommand}, strict readers in {@link
 * org.openvpp.server.baseline.CsvInput}), and the accuracy report on the shipped real meter data
 * ({@link org.openvpp.server.baseline.AccuracyReport}).
 */
@NullMarked
package org.openvpp.server.baseline;

import org.jspecify.annotations.NullMarked;
