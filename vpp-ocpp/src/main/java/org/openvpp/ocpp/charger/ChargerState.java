package org.openvpp.ocpp.charger;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * What the central system knows of one charger now (an immutable snapshot).
 *
 * @param identity the charge point's identity
 * @param version the version of its last connection
 * @param boot what it said at its last BootNotification, if it sent one
 * @param admission the answer to that BootNotification, if any
 * @param lastSeen when it last sent a CALL, by the central system's clock
 * @param connectors each connector's last status, by connector
 */
public record ChargerState(
    String identity,
    OcppVersion version,
    Optional<BootInfo> boot,
    Optional<Admission> admission,
    Instant lastSeen,
    Map<ConnectorRef, ConnectorStatus> connectors) {

  public ChargerState {
    connectors = Collections.unmodifiableMap(new TreeMap<>(connectors));
  }

  /** A charger just seen, nothing else known. */
  static ChargerState first(String identity, OcppVersion version, Instant now) {
    return new ChargerState(identity, version, Optional.empty(), Optional.empty(), now, Map.of());
  }

  /** Whether its last BootNotification was accepted. */
  public boolean accepted() {
    return admission.equals(Optional.of(Admission.ACCEPTED));
  }

  ChargerState seen(OcppVersion version, Instant now) {
    return new ChargerState(identity, version, boot, admission, now, connectors);
  }

  ChargerState booted(BootInfo info, Admission admission) {
    return new ChargerState(
        identity, version, Optional.of(info), Optional.of(admission), lastSeen, connectors);
  }

  ChargerState withStatus(ConnectorRef ref, ConnectorStatus status) {
    Map<ConnectorRef, ConnectorStatus> next = new TreeMap<>(connectors);
    next.put(ref, status);
    return new ChargerState(identity, version, boot, admission, lastSeen, next);
  }
}
