package org.openvpp.service.fleet;

import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.service.register.Register;

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

  /**
   * Makes the edge once the fleet's twins, the meter desk and the register exist: for an edge that
   * admits devices by the register (chargers over OCPP, which are EV chargers of sites there).
   */
  @FunctionalInterface
  interface RegisterFactory {
    Edge open(Fleet fleet, MeterDesk meters, ServiceClock clock, Register register);

    /** {@code factory}, which does not need the register. */
    static RegisterFactory of(Factory factory) {
      return (fleet, meters, clock, register) -> factory.open(fleet, meters, clock);
    }
  }
}
