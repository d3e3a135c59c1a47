/**
 * Day-ahead forecasts of home load and PV, per home and per group, with P10/P50/P90 bands from the
 * empirical quantiles of each model's own out-of-sample errors; naive baselines to compare them
 * with; accuracy measures; device availability (EV plug-in probability) and the banded aggregate
 * envelopes it gives. Hourly series are plain arrays indexed by hour from the start of the data
 * (day {@code d}, hour {@code h} at {@code 24·d + h}); loading them is the simulator's business.
 * See docs/forecasting.md.
 */
@NullMarked
package org.openvpp.forecast;

import org.jspecify.annotations.NullMarked;
