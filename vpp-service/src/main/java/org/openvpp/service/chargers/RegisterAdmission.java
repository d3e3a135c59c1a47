package org.openvpp.service.chargers;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.ocpp.charger.Admission;
import org.openvpp.ocpp.charger.BootInfo;
import org.openvpp.ocpp.charger.ChargerRegistry;
import org.openvpp.ocpp.transaction.AuthStatus;
import org.openvpp.ocpp.transaction.Authorizer;
import org.openvpp.ocpp.transaction.IdToken;
import org.openvpp.program.SiteDevice;
import org.openvpp.service.register.Register;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect and charge, by the register: a charge point's identity is the id of a device
 * (docs/ocpp.md, "In the service").
 *
 * <p>BootNotification: an EV charger of a site in the register is Accepted; an identity the
 * register does not know is Pending, kept with what it said of itself until an operator links it to
 * a site as an EV charger (its next boot is then accepted); an identity that is a device of another
 * kind, or cannot be a device id at all (OCPP allows {@code * = + | @} in identities, device ids do
 * not), is Rejected. Authorize and transactions: any token is accepted at an EV charger of the
 * register (a home charger's own access control is its owner's; authorisation lists are not kept
 * yet), and refused as Invalid elsewhere. Thread-safe: called on the connections' threads.
 */
final class RegisterAdmission implements ChargerRegistry, Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(RegisterAdmission.class);

  private final Register register;
  private final Map<String, BootInfo> awaiting = new ConcurrentHashMap<>();

  RegisterAdmission(Register register) {
    this.register = register;
  }

  /** The EV charger of the register whose id is {@code identity}, if there is one. */
  Optional<SiteDevice> charger(String identity) {
    return deviceId(identity)
        .flatMap(register::device)
        .filter(d -> d.kind() == DeviceKind.EV_CHARGER);
  }

  static Optional<DeviceId> deviceId(String identity) {
    try {
      return Optional.of(DeviceId.of(identity));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public Admission admit(String identity, BootInfo boot) {
    Optional<DeviceId> id = deviceId(identity);
    if (id.isEmpty()) {
      LOG.info(
          "charger {} rejected: its identity cannot be a device id (1-64 of A-Z a-z 0-9 . _ : -)",
          identity);
      return Admission.REJECTED;
    }
    Optional<SiteDevice> device = register.device(id.get());
    if (device.isEmpty()) {
      if (awaiting.put(identity, boot) == null) {
        LOG.info(
            "charger {} ({} {}) is not in the register: pending until an operator links it to a"
                + " site as an EV charger",
            identity,
            boot.vendor(),
            boot.model());
      }
      return Admission.PENDING;
    }
    if (device.get().kind() != DeviceKind.EV_CHARGER) {
      LOG.info(
          "charger {} rejected: the register has it as a {}, not an EV charger",
          identity,
          device.get().kind());
      return Admission.REJECTED;
    }
    awaiting.remove(identity);
    return Admission.ACCEPTED;
  }

  /** The unknown chargers that booted and await an operator, with what they said of themselves. */
  Map<String, BootInfo> awaiting() {
    return Map.copyOf(awaiting);
  }

  @Override
  public AuthStatus authorize(String charger, IdToken token) {
    return charger(charger).isPresent() ? AuthStatus.ACCEPTED : AuthStatus.INVALID;
  }
}
