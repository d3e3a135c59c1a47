/**
 * EV chargers over OCPP 1.6J and 2.0.1: the central system (vpp-ocpp) run in the service, beside
 * the device protocol's edge. A charge point's identity is the id of an EV charger of a site in the
 * register; its boots, statuses, transactions and meter values reach that device's twin and the
 * telemetry history, and the dispatcher's commands for it go out as charging profiles that lapse
 * when the command expires (docs/ocpp.md, "In the service").
 */
@NullMarked
package org.openvpp.service.chargers;

import org.jspecify.annotations.NullMarked;
