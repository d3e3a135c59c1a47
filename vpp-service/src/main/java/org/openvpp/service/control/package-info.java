/**
 * The control step, in ordered phases: the program clock, planning (each battery program's day
 * against prices and event commitments), and closed-loop dispatch of batteries, chargers and
 * thermostats.
 */
@NullMarked
package org.openvpp.service.control;

import org.jspecify.annotations.NullMarked;
