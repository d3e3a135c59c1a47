package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.charging.SmartCharging;
import org.openvpp.ocpp.metering.MeterListener;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Parsed;
import org.openvpp.ocpp.rpc.Problem;
import org.openvpp.ocpp.rpc.Refusal;
import org.openvpp.ocpp.rpc.Schemas;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.transaction.AuthStatus;
import org.openvpp.ocpp.transaction.InMemoryAuthorizer;
import org.openvpp.ocpp.transaction.Transactions;

/**
 * What a charger may send the central system, fuzzed: the input's first byte picks the version
 * (even 1.6, odd 2.0.1), the rest is text frames, one a line, as a connection receives them. Each
 * frame is parsed as the connection parses it; a CALL that names a known action and meets its
 * schema goes to the central system's own handlers (boot, status, transactions, metering, smart
 * charging), fresh for each input. For any input: a refusal that says why, or an answer that meets
 * the action's response schema — never a handler failing (the connection's "InternalError"), never
 * an exception escaping. The default test run replays {@code OcppFuzzTestInputs}; {@code ./vpp
 * fuzz} fuzzes for real (docs/security.md).
 */
class OcppFuzzTest {
  private static final Schemas SCHEMAS = TestSchemas.get();
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

  @FuzzTest
  void framesFromACharger(byte[] input) {
    if (input.length == 0) {
      return;
    }
    OcppVersion version = (input[0] & 1) == 0 ? OcppVersion.V1_6 : OcppVersion.V2_0_1;
    String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    TestClock clock = new TestClock(T0);
    Transactions transactions =
        new Transactions(
            new InMemoryAuthorizer().with("TAG-OK", AuthStatus.ACCEPTED), MeterListener.none());
    SmartCharging smart = new SmartCharging(clock, needs -> {}, transactions, transactions);
    CallHandler handler =
        new LifeCycle(
            InMemoryChargerRegistry.knowing("CP16", "CP201"),
            clock,
            Duration.ofSeconds(300),
            Duration.ofSeconds(60),
            smart);
    Session session = new Session(version == OcppVersion.V1_6 ? "CP16" : "CP201", version);
    handler.connected(session);
    for (String frame : text.split("\n", 16)) {
      Parsed parsed = Frames.parse(frame, 65_536);
      if (parsed instanceof Refusal r) {
        assertThat(r.description()).isNotBlank();
        continue;
      }
      if (!(parsed instanceof Call c)
          || !SCHEMAS.knows(version, c.action())
          || SCHEMAS.checkRequest(version, c.action(), c.payload()).isPresent()) {
        continue;
      }
      Answer a = handler.handle(session, c);
      switch (a) {
        case Answer.Result r ->
            assertThat(SCHEMAS.checkResponse(version, c.action(), r.payload()))
                .as("the answer to %s: %s", c.action(), r.payload())
                .isEmpty();
        case Answer.Refused r -> {
          assertThat(r.problem()).as(r.description()).isNotEqualTo(Problem.HANDLER_FAILED);
          assertThat(r.description()).isNotBlank();
        }
      }
      clock.advance(Duration.ofSeconds(5));
    }
    handler.disconnected(session);
  }

  /** A connection that is open and whose own CALLs are never answered. */
  private record Session(String identity, OcppVersion version) implements ChargerSession {
    @Override
    public SecurityProfile securityProfile() {
      return SecurityProfile.NONE;
    }

    @Override
    public CompletableFuture<CallOutcome> call(String action, ObjectNode payload) {
      Optional<?> broken =
          SCHEMAS.knows(version, action)
              ? SCHEMAS.checkRequest(version, action, payload)
              : Optional.of(action);
      assertThat(broken).as("our CALL %s %s", action, payload).isEmpty();
      return CompletableFuture.completedFuture(new CallOutcome.TimedOut());
    }

    @Override
    public boolean open() {
      return true;
    }
  }
}
