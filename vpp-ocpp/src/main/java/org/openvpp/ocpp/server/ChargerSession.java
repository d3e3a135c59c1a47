package org.openvpp.ocpp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.openvpp.ocpp.rpc.OcppVersion;

/** One charger's open connection, as the handlers and the rest of the service see it. */
public interface ChargerSession {
  /** The charge point's identity, from the URL path. */
  String identity();

  /** The version negotiated at the upgrade. */
  OcppVersion version();

  /**
   * The security profile the charger connected under: under 1 and 2 it presented its password at
   * the upgrade, under 2 over TLS.
   */
  SecurityProfile securityProfile();

  /**
   * Sends a CALL to the charger. CALLs go one at a time, as OCPP requires: this one waits behind
   * any not yet answered, and its timeout runs from when it is sent. The future completes with the
   * outcome, never exceptionally.
   *
   * @throws IllegalArgumentException when {@code action} is not one of the version's or the payload
   *     breaks its request schema (a fault of the caller's, not the charger's)
   */
  CompletableFuture<CallOutcome> call(String action, ObjectNode payload);

  /** Whether the connection is open. */
  boolean open();
}
