/**
 * Typed quantities: {@link org.openvpp.units.Power}, {@link org.openvpp.units.Energy}, {@link
 * org.openvpp.units.Money}, {@link org.openvpp.units.EnergyPrice} and {@link
 * org.openvpp.units.Temperature}.
 *
 * <p><b>Sign convention.</b> Power and energy follow the <em>load convention</em> of a meter at the
 * customer's connection: positive means taken from the grid (consumption, charging a battery),
 * negative means given to the grid (generation, discharging). A reduction of load, which is what a
 * peak event asks for, is therefore a negative change of power.
 *
 * <p>Power and energy are held as {@code double} (physical measurements carry noise far above
 * floating-point error); money is exact ({@link java.math.BigDecimal}) and never a {@code double}.
 */
@NullMarked
package org.openvpp.units;

import org.jspecify.annotations.NullMarked;
