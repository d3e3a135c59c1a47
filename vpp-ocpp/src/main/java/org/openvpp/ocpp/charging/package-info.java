/**
 * Smart charging, the protocol layer, for both versions: the limits the VPP sets on a charger or an
 * EVSE ({@link org.openvpp.ocpp.charging.LimitProfile}) as SetChargingProfile, ClearChargingProfile
 * and GetCompositeSchedule payloads ({@link org.openvpp.ocpp.charging.ChargingMessages}), each sent
 * profile tracked to its answer ({@link org.openvpp.ocpp.charging.ProfileTracker}), composite
 * schedules read in watts ({@link org.openvpp.ocpp.charging.CompositeSchedules}), and the 2.0.1
 * CALLs of chargers about charging, NotifyEVChargingNeeds and ReportChargingProfiles ({@link
 * org.openvpp.ocpp.charging.SmartCharging}).
 */
@NullMarked
package org.openvpp.ocpp.charging;

import org.jspecify.annotations.NullMarked;
