package org.openvpp.ocpp.server;

import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;

/**
 * Answers the CALLs chargers send. Called on the connection's own thread, one CALL at a time per
 * charger and concurrently across chargers; it must not block for long. The CALL it gets has passed
 * the request schema; its result is checked against the response schema before it is sent.
 */
public interface CallHandler {
  /** The answer to {@code call} from {@code charger}. */
  Answer handle(ChargerSession charger, Call call);

  /** A charger connected (after the upgrade). */
  default void connected(ChargerSession charger) {}

  /** A charger's connection closed. */
  default void disconnected(ChargerSession charger) {}
}
