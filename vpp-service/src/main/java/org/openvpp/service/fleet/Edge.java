package org.openvpp.service.fleet;

import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.metering.MeterDesk;

/**
 * How the service meets the world's devices and meters, and where its steps come from: the device
 * protocol on a broker ({@link MqttEdge}), or anything that speaks to the twins and the meter desk
 * the same way.
 */
public interface Edge extends AutoCloseable {
  DeviceLink link();

  Steps steps();

  @Override
  void close();

  /** Makes the edge once the fleet's twins and the meter desk exist. */
  @FunctionalInterface
  interface Factory {
    Edge open(Fleet fleet, MeterDesk meters, ServiceClock clock);
  }
}
