/**
 * The world's customers: they sign up, enrol, bring their meter history, opt out of events, leave
 * and let consent lapse, through the service's API like anyone else.
 */
@NullMarked
package org.openvpp.world.customers;

import org.jspecify.annotations.NullMarked;
