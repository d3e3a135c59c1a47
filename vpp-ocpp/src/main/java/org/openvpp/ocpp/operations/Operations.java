package org.openvpp.ocpp.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.server.ChargerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an operator's {@link Operation} to a connected charger in its version and tells what became
 * of it.
 *
 * <p>Design note. Like {@code ProfileTracker}, one CALL per operation, no retries (an operator
 * decides whether to try again), the outcome read from the {@code CallOutcome} of {@link
 * ChargerSession#call}: answered with the charger's status, refused with a CALLERROR, timed out
 * (the central system's call timeout, by its clock) or closed. Unlike profiles, operations are not
 * kept here: the caller keeps what it needs (the service writes each to the audit log). A 2.0.1
 * RequestStartTransaction carries a {@code remoteStartId} from a counter of this sender's. Each
 * outcome is logged with the operation's {@link Operation#describe description}, which never holds
 * a secret.
 *
 * <p>Threads: thread-safe; outcomes complete on the connections' threads or the timeout timer.
 */
public final class Operations {
  private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

  /**
   * One operation sent, settled.
   *
   * @param charger the charge point's identity
   * @param version the charger's version, in which it was sent
   * @param action the OCPP action it was sent as
   * @param sent when it was sent, by the clock
   * @param settled when its outcome came, by the clock
   */
  public record Result(
      String charger,
      OcppVersion version,
      String action,
      Operation operation,
      OperationOutcome outcome,
      Instant sent,
      Instant settled) {
    public Result {
      Objects.requireNonNull(charger, "charger");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(settled, "settled");
    }
  }

  private final Clock clock;
  private final AtomicInteger remoteStartIds = new AtomicInteger();

  /**
   * @param clock the service's clock: stamps sending and settling
   */
  public Operations(Clock clock) {
    this.clock = clock;
  }

  /**
   * Sends {@code op} to {@code charger}. The future completes with the result, never exceptionally.
   *
   * @throws NotInVersion when the charger's version has no such operation or part of one; nothing
   *     is sent then
   * @throws IllegalArgumentException when the payload breaks its schema (a name or token the
   *     version does not take); nothing is sent then
   */
  public CompletableFuture<Result> send(ChargerSession charger, Operation op) {
    OcppVersion version = charger.version();
    String action = OperationMessages.action(version, op);
    int remoteStartId = remoteStartIds.incrementAndGet();
    ObjectNode payload = OperationMessages.payload(version, op, remoteStartId);
    Instant sent = clock.instant();
    return charger
        .call(action, payload)
        .thenApply(
            o -> {
              OperationOutcome outcome = OperationMessages.read(version, op, o);
              LOG.info(
                  "charger {}: {} ({}{}): {}",
                  charger.identity(),
                  op.describe(),
                  action,
                  op instanceof Operation.RemoteStart && version == OcppVersion.V2_0_1
                      ? ", remoteStartId " + remoteStartId
                      : "",
                  outcome.summary());
              return new Result(
                  charger.identity(), version, action, op, outcome, sent, clock.instant());
            });
  }
}
