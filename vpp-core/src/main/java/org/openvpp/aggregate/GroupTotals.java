package org.openvpp.aggregate;

import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A snapshot of a group's totals over its online devices.
 *
 * @param group the group
 * @param devices devices assigned to the group
 * @param online devices whose twins are current
 * @param power measured power now, load convention
 * @param stored energy stored now
 * @param dischargeable energy the group can give before reserves, grid side
 * @param chargeable energy the group can take before it is full, grid side
 * @param availableDischarge power the group can give now and hold for the tree's sustain time
 *     (positive magnitude)
 * @param availableCharge power the group can take now and hold for the sustain time (positive)
 */
public record GroupTotals(
    GroupId group,
    int devices,
    int online,
    Power power,
    Energy stored,
    Energy dischargeable,
    Energy chargeable,
    Power availableDischarge,
    Power availableCharge) {}
