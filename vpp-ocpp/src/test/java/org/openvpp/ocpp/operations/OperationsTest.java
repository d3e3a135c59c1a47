package org.openvpp.ocpp.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.operations.Operation.Availability;
import org.openvpp.ocpp.operations.Operation.ChangeAvailability;
import org.openvpp.ocpp.operations.Operation.ChangeSetting;
import org.openvpp.ocpp.operations.Operation.ReadSettings;
import org.openvpp.ocpp.operations.Operation.RemoteStart;
import org.openvpp.ocpp.operations.Operation.RemoteStop;
import org.openvpp.ocpp.operations.Operation.Reset;
import org.openvpp.ocpp.operations.Operation.ResetType;
import org.openvpp.ocpp.operations.Operation.Trigger;
import org.openvpp.ocpp.operations.Operation.TriggerMessage;
import org.openvpp.ocpp.operations.Operations.Result;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;

/**
 * Every operation of each version over a real connection: the charger receives the version's CALL,
 * and its answer, a CALLERROR, silence or a hang-up become the operation's outcome.
 */
class OperationsTest {
  private static final String V16 = "ocpp1.6";
  private static final String V201 = "ocpp2.0.1";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final Operations operations = new Operations(clock);
  private final CallHandler heartbeats =
      (charger, call) -> {
        var answer = Frames.object();
        answer.put("currentTime", clock.instant().toString());
        return new Answer.Result(answer);
      };
  private OcppServer server;

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults()
                .withPort(0)
                .withSweepEvery(Duration.ZERO)
                .withCallTimeout(Duration.ofSeconds(30)),
            TestSchemas.get(),
            heartbeats,
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ChargerSession session(TestCharger cp, String identity) throws Exception {
    assertThat(cp.call("open", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    return server.charger(identity).orElseThrow();
  }

  /**
   * Sends {@code op}, checks the CALL the charger gets, answers {@code answer}, gives the result.
   */
  private Result exchange(
      TestCharger cp, ChargerSession s, Operation op, String action, String answer)
      throws Exception {
    CompletableFuture<Result> f = operations.send(s, op);
    JsonNode call = cp.nextJson();
    assertThat(call.get(0).intValue()).isEqualTo(2);
    assertThat(call.get(2).textValue()).as("%s", op).isEqualTo(action);
    cp.send("[3,\"" + call.get(1).textValue() + "\"," + answer + "]");
    Result r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.action()).isEqualTo(action);
    assertThat(r.charger()).isEqualTo(s.identity());
    return r;
  }

  private static OperationOutcome.Answered answered(Result r) {
    assertThat(r.outcome()).isInstanceOf(OperationOutcome.Answered.class);
    return (OperationOutcome.Answered) r.outcome();
  }

  @Test
  void eachOperationReachesA16ChargerAndItsAnswerIsRead() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", V16)) {
      ChargerSession s = session(cp, "CP16");
      String accepted = "{\"status\":\"Accepted\"}";
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new RemoteStart("TAG-1", Optional.of(1)),
                          "RemoteStartTransaction",
                          accepted))
                  .accepted())
          .isTrue();
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new RemoteStop("42"),
                          "RemoteStopTransaction",
                          "{\"status\":\"Rejected\"}"))
                  .status())
          .isEqualTo("Rejected");
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new ChangeAvailability(Optional.empty(), Availability.INOPERATIVE),
                          "ChangeAvailability",
                          "{\"status\":\"Scheduled\"}"))
                  .accepted())
          .isTrue();
      assertThat(
              answered(
                      exchange(
                          cp, s, new Reset(ResetType.SOFT, Optional.empty()), "Reset", accepted))
                  .status())
          .isEqualTo("Accepted");
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new TriggerMessage(Trigger.STATUS_NOTIFICATION, Optional.of(1)),
                          "TriggerMessage",
                          "{\"status\":\"NotImplemented\"}"))
                  .accepted())
          .isFalse();
      OperationOutcome.Answered read =
          answered(
              exchange(
                  cp,
                  s,
                  new ReadSettings(List.of(Setting.key("HeartbeatInterval"), Setting.key("Nope"))),
                  "GetConfiguration",
                  "{\"configurationKey\":[{\"key\":\"HeartbeatInterval\",\"readonly\":false,"
                      + "\"value\":\"300\"}],\"unknownKey\":[\"Nope\"]}"));
      assertThat(read.settings()).hasSize(2);
      assertThat(read.settings().get(0).value()).contains("300");
      assertThat(read.settings().get(1).status()).isEqualTo("UnknownKey");
      OperationOutcome.Answered changed =
          answered(
              exchange(
                  cp,
                  s,
                  new ChangeSetting(Setting.key("HeartbeatInterval"), "600"),
                  "ChangeConfiguration",
                  "{\"status\":\"RebootRequired\"}"));
      assertThat(changed.status()).isEqualTo("RebootRequired");
      assertThat(changed.settings().get(0).status()).isEqualTo("RebootRequired");
    }
  }

  @Test
  void eachOperationReachesA201ChargerAndItsAnswerIsRead() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", V201)) {
      ChargerSession s = session(cp, "CP201");
      OperationOutcome.Answered started =
          answered(
              exchange(
                  cp,
                  s,
                  new RemoteStart("TAG-1", Optional.of(1)),
                  "RequestStartTransaction",
                  "{\"status\":\"Accepted\",\"transactionId\":\"TX-7\"}"));
      assertThat(started.transactionId()).contains("TX-7");
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new RemoteStop("TX-7"),
                          "RequestStopTransaction",
                          "{\"status\":\"Rejected\",\"statusInfo\":{\"reasonCode\":\"UnknownTx\"}}"))
                  .reason())
          .contains("UnknownTx");
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new ChangeAvailability(Optional.of(1), Availability.OPERATIVE),
                          "ChangeAvailability",
                          "{\"status\":\"Accepted\"}"))
                  .accepted())
          .isTrue();
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new Reset(ResetType.ON_IDLE, Optional.empty()),
                          "Reset",
                          "{\"status\":\"Scheduled\"}"))
                  .status())
          .isEqualTo("Scheduled");
      assertThat(
              answered(
                      exchange(
                          cp,
                          s,
                          new TriggerMessage(Trigger.TRANSACTION_EVENT, Optional.of(1)),
                          "TriggerMessage",
                          "{\"status\":\"Accepted\"}"))
                  .accepted())
          .isTrue();
      OperationOutcome.Answered read =
          answered(
              exchange(
                  cp,
                  s,
                  new ReadSettings(List.of(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"))),
                  "GetVariables",
                  "{\"getVariableResult\":[{\"attributeStatus\":\"Accepted\","
                      + "\"attributeValue\":\"300\",\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                      + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"));
      assertThat(read.settings().get(0).value()).contains("300");
      OperationOutcome.Answered changed =
          answered(
              exchange(
                  cp,
                  s,
                  new ChangeSetting(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"), "60"),
                  "SetVariables",
                  "{\"setVariableResult\":[{\"attributeStatus\":\"Rejected\","
                      + "\"attributeStatusInfo\":{\"reasonCode\":\"OutOfRange\"},"
                      + "\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                      + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}"));
      assertThat(changed.status()).isEqualTo("Rejected");
      assertThat(changed.reason()).contains("OutOfRange");
    }
  }

  @Test
  void theServerListsTheChargersConnectedByIdentity() throws Exception {
    try (TestCharger b = TestCharger.connect(server.port(), "B", V201);
        TestCharger a = TestCharger.connect(server.port(), "A", V16)) {
      session(b, "B");
      session(a, "A");
      assertThat(server.chargers().stream().map(ChargerSession::identity))
          .containsExactly("A", "B");
      assertThat(server.chargers().get(0).version()).isEqualTo(OcppVersion.V1_6);
    }
  }

  @Test
  void aCallErrorIsARefusal() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", V201)) {
      ChargerSession s = session(cp, "CP201");
      var f = operations.send(s, new Reset(ResetType.IMMEDIATE, Optional.empty()));
      JsonNode call = cp.nextJson();
      cp.send("[4,\"" + call.get(1).textValue() + "\",\"NotSupported\",\"not here\",{}]");
      assertThat(f.get(10, TimeUnit.SECONDS).outcome())
          .isEqualTo(new OperationOutcome.Refused("NotSupported", "not here"));
    }
  }

  @Test
  void anAnswerThatBreaksItsSchemaIsARefusal() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", V16)) {
      ChargerSession s = session(cp, "CP16");
      var f = operations.send(s, new Reset(ResetType.HARD, Optional.empty()));
      JsonNode call = cp.nextJson();
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"Maybe\"}]");
      OperationOutcome o = f.get(10, TimeUnit.SECONDS).outcome();
      assertThat(o).isInstanceOf(OperationOutcome.Refused.class);
      assertThat(o.summary()).contains("invalid answer");
    }
  }

  @Test
  void noAnswerInTimeIsATimeoutStampedByTheClock() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", V16)) {
      ChargerSession s = session(cp, "CP16");
      var f = operations.send(s, new Reset(ResetType.HARD, Optional.empty()));
      assertThat(cp.nextJson().get(2).textValue()).isEqualTo("Reset");
      clock.advance(Duration.ofSeconds(30));
      assertThat(server.expireCalls()).isEqualTo(1);
      Result r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.outcome()).isEqualTo(new OperationOutcome.TimedOut());
      assertThat(r.settled()).isEqualTo(r.sent().plusSeconds(30));
    }
  }

  @Test
  void aHangUpBeforeTheAnswerIsClosed() throws Exception {
    TestCharger cp = TestCharger.connect(server.port(), "CP16", V16);
    ChargerSession s = session(cp, "CP16");
    var f = operations.send(s, new Reset(ResetType.HARD, Optional.empty()));
    assertThat(cp.nextJson().get(2).textValue()).isEqualTo("Reset");
    cp.close();
    assertThat(f.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(new OperationOutcome.Closed());
  }

  @Test
  void anOperationTheVersionLacksIsNeverSent() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", V16)) {
      ChargerSession s = session(cp, "CP16");
      assertThat(s.version()).isEqualTo(OcppVersion.V1_6);
      assertThatThrownBy(() -> operations.send(s, new Reset(ResetType.IMMEDIATE, Optional.empty())))
          .isInstanceOf(NotInVersion.class);
      assertThat(cp.nothingReceived()).isTrue();
    }
  }
}
