/**
 * The long-running VPP service, wired from small parts that each do one job ({@link
 * org.openvpp.service.Service}). It knows the world only through its interfaces: the device
 * protocol, meter readings, OpenADR, price feeds and the register; nothing here reads a simulator.
 */
@NullMarked
package org.openvpp.service;

import org.jspecify.annotations.NullMarked;
