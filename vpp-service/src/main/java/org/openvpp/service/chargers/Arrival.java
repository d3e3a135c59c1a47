package org.openvpp.service.chargers;

import java.time.Instant;
import java.util.Map;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.charger.ConnectorStatus;
import org.openvpp.ocpp.charging.ChargingNeeds;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.transaction.Transaction;

/**
 * What the central system's threads hand to the control loop's, which alone touches the twins: one
 * charger's news, in the order it came.
 */
sealed interface Arrival {
  String identity();

  /** The charger's connection opened or closed: whether it is connected is asked again. */
  record Connection(String identity, Instant at) implements Arrival {}

  /** Its connectors' statuses after a StatusNotification. */
  record Statuses(String identity, Map<ConnectorRef, ConnectorStatus> connectors, Instant at)
      implements Arrival {
    public Statuses {
      connectors = Map.copyOf(connectors);
    }
  }

  /** Meter samples of one message. */
  record Meter(MeterReport report, Instant at) implements Arrival {
    @Override
    public String identity() {
      return report.charger();
    }
  }

  /** A transaction as it stands after a message. */
  record Tx(Transaction transaction, Instant at) implements Arrival {
    @Override
    public String identity() {
      return transaction.charger();
    }
  }

  /** An EV's charging needs (2.0.1 NotifyEVChargingNeeds). */
  record Needs(ChargingNeeds needs) implements Arrival {
    @Override
    public String identity() {
      return needs.charger();
    }
  }
}
