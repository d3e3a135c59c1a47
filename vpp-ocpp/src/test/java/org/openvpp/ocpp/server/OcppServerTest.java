package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.TestSchemas;

class OcppServerTest {
  private static final String V16 = "ocpp1.6";
  private static final String V201 = "ocpp2.0.1";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private OcppServer server;

  /** Answers Heartbeat, nothing else. */
  private final CallHandler handler =
      (charger, call) -> {
        if (call.action().equals("Heartbeat")) {
          var answer = Frames.object();
          answer.put("currentTime", clock.instant().toString());
          return new Answer.Result(answer);
        }
        if (call.action().equals("Authorize")) {
          throw new IllegalStateException("a handler that fails");
        }
        return Answer.notHandled(charger.version(), call.action());
      };

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults()
                .withPort(0)
                .withSweepEvery(Duration.ZERO)
                .withCallTimeout(Duration.ofSeconds(30)),
            TestSchemas.get(),
            handler,
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bothSubprotocolsAreNegotiatedAndTheChargersFirstChoiceWins() throws Exception {
    try (TestCharger a = TestCharger.connect(server.port(), "CP-16", V16);
        TestCharger b = TestCharger.connect(server.port(), "CP-201", V201);
        TestCharger c = TestCharger.connect(server.port(), "CP-both", "ocpp2.1", V201, V16)) {
      assertThat(a.subprotocol()).isEqualTo(V16);
      assertThat(b.subprotocol()).isEqualTo(V201);
      assertThat(c.subprotocol()).isEqualTo(V201);
      assertThat(a.call("1", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      assertThat(b.call("1", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      assertThat(server.charger("CP-16").orElseThrow().version()).isEqualTo(OcppVersion.V1_6);
      assertThat(server.charger("CP-both").orElseThrow().version()).isEqualTo(OcppVersion.V2_0_1);
    }
  }

  @Test
  void anUpgradeOfferingNeitherVersionIsRefused() {
    assertThatThrownBy(() -> TestCharger.connect(server.port(), "CP1", "ocpp1.5"))
        .rootCause()
        .hasMessageContaining("400");
    assertThatThrownBy(() -> TestCharger.connect(server.port(), "CP1"))
        .rootCause()
        .hasMessageContaining("400");
    assertThat(server.connected()).isZero();
  }

  @Test
  void theRefusedUpgradeSaysWhy() throws Exception {
    String answer = rawUpgrade("/ocpp/CP1", "ocpp1.5");
    assertThat(answer).startsWith("HTTP/1.1 400").contains("offer the WebSocket subprotocol");
    assertThat(answer).contains("offered: ocpp1.5");
    assertThat(rawUpgrade("/ocpp/", V16)).startsWith("HTTP/1.1 400").contains("identity");
    assertThat(rawUpgrade("/ocpp/a/b", V16)).startsWith("HTTP/1.1 400").contains("identity");
  }

  @Test
  void eachBadMessageGetsItsCallErrorInEachVersionAndTheConnectionGoesOn() throws Exception {
    record Case(String text, String id, String code16, String code201) {}
    List<Case> cases =
        List.of(
            new Case("not json", "-1", "FormationViolation", "RpcFrameworkError"),
            new Case("{\"a\":1}", "-1", "FormationViolation", "RpcFrameworkError"),
            new Case("[2,\"a1\",\"Heartbeat\"]", "a1", "FormationViolation", "RpcFrameworkError"),
            new Case("[2,42,\"Heartbeat\",{}]", "-1", "FormationViolation", "RpcFrameworkError"),
            new Case(
                "[9,\"a2\",\"Heartbeat\",{}]", "a2", "ProtocolError", "MessageTypeNotSupported"),
            new Case("[2,\"a3\",\"Heartbeat\",[1]]", "a3", "FormationViolation", "FormatViolation"),
            new Case("[2,\"a4\",\"Launch\",{}]", "a4", "NotImplemented", "NotImplemented"),
            new Case(
                "[2,\"a5\",\"DataTransfer\",{\"vendorId\":\"" + "x".repeat(70_000) + "\"}]",
                "a5",
                "FormationViolation",
                "FormatViolation"),
            new Case(
                "[2,\"a6\",\"Heartbeat\",{\"x\":1}]", "a6", "FormationViolation", "ProtocolError"),
            new Case(
                "[2,\"a7\",\"Authorize\",{}]",
                "a7",
                "OccurenceConstraintViolation",
                "OccurrenceConstraintViolation"),
            new Case(
                "[2,\"a8\",\"Authorize\",{\"idTag\":5,\"idToken\":5}]",
                "a8",
                "TypeConstraintViolation",
                "TypeConstraintViolation"),
            new Case(
                "[2,\"a9\",\"Authorize\",{\"idTag\":\"" + "t".repeat(21) + "\"}]",
                "a9",
                "PropertyConstraintViolation",
                "OccurrenceConstraintViolation"),
            new Case("[2,\"a10\",\"Heartbeat\",{}]", "", "", ""),
            new Case("[2,\"a10\",\"Heartbeat\",{}]", "a10", "ProtocolError", "RpcFrameworkError"));
    for (String sub : List.of(V16, V201)) {
      try (TestCharger cp = TestCharger.connect(server.port(), "CP-" + sub, sub)) {
        for (Case c : cases) {
          JsonNode answer = cp.exchange(c.text());
          String label = sub + " " + c.text().substring(0, Math.min(60, c.text().length()));
          if (c.id().isEmpty()) {
            assertThat(answer.get(0).intValue()).as(label).isEqualTo(3);
            continue;
          }
          String code = sub.equals(V16) ? c.code16() : c.code201();
          assertThat(answer.get(0).intValue()).as(label).isEqualTo(4);
          assertThat(answer.get(1).textValue()).as(label).isEqualTo(c.id());
          assertThat(answer.get(2).textValue()).as(label).isEqualTo(code);
          assertThat(answer.get(3).textValue()).as(label).isNotBlank();
          assertThat(answer.get(4).isObject()).as(label).isTrue();
        }
        // still talking
        assertThat(cp.call("ok", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      }
    }
  }

  @Test
  void aKnownActionNotHandledYetAnswersNotImplemented() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V16)) {
      JsonNode answer = cp.call("1", "MeterValues", "{\"connectorId\":1,\"meterValue\":[]}");
      assertThat(answer.get(2).textValue()).isEqualTo("NotImplemented");
      assertThat(answer.get(3).textValue()).contains("MeterValues");
    }
  }

  @Test
  void aFailingHandlerAnswersInternalError() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V16)) {
      JsonNode answer = cp.call("1", "Authorize", "{\"idTag\":\"t\"}");
      assertThat(answer.get(2).textValue()).isEqualTo("InternalError");
      assertThat(cp.call("2", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    }
  }

  @Test
  void resultsAndErrorsThatAnswerNothingAreNotAnswered() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V201)) {
      cp.send("[3,\"nobody\",{}]");
      cp.send("[4,\"nobody\",\"GenericError\",\"\",{}]");
      cp.send("[3,\"broken\"]");
      // the next answer is the heartbeat's: nothing came for the three above
      JsonNode answer = cp.call("h", "Heartbeat", "{}");
      assertThat(answer.get(1).textValue()).isEqualTo("h");
    }
  }

  @Test
  void oneChargersGarbageLeavesTheOtherAlone() throws Exception {
    try (TestCharger bad = TestCharger.connect(server.port(), "BAD", V16);
        TestCharger good = TestCharger.connect(server.port(), "GOOD", V201)) {
      for (int i = 0; i < 20; i++) {
        bad.send(i % 2 == 0 ? "\u0000garbage" + i : "[2,\"" + i + "\",\"Nope\",{}]");
        JsonNode answer = good.call("g" + i, "Heartbeat", "{}");
        assertThat(answer.get(0).intValue()).isEqualTo(3);
        assertThat(answer.get(1).textValue()).isEqualTo("g" + i);
      }
      for (int i = 0; i < 20; i++) {
        assertThat(bad.nextJson().get(0).intValue()).isEqualTo(4);
      }
      assertThat(server.connected()).isEqualTo(2);
    }
  }

  @Test
  void anOutgoingCallIsMatchedToItsAnswer() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V16)) {
      ChargerSession session = awaitSession(cp, "CP1");
      CompletableFuture<CallOutcome> outcome =
          session.call(
              "ChangeAvailability", Frames.object("{\"connectorId\":0,\"type\":\"Inoperative\"}"));
      JsonNode call = cp.nextJson();
      assertThat(call.get(0).intValue()).isEqualTo(2);
      assertThat(call.get(2).textValue()).isEqualTo("ChangeAvailability");
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"Accepted\"}]");
      CallOutcome got = outcome.get(10, TimeUnit.SECONDS);
      assertThat(got).isInstanceOf(CallOutcome.Answered.class);
      assertThat(((CallOutcome.Answered) got).payload().path("status").asText())
          .isEqualTo("Accepted");
    }
  }

  @Test
  void callsGoOneAtATimeAndAnUnansweredOneTimesOutByTheClock() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V201)) {
      ChargerSession session = awaitSession(cp, "CP1");
      var first = session.call("GetLocalListVersion", Frames.object());
      var second = session.call("GetLocalListVersion", Frames.object());
      JsonNode call1 = cp.nextJson();
      // the second waits for the first: nothing else on the wire, and the clock has not moved
      assertThat(server.expireCalls()).isZero();
      assertThat(cp.nothingReceived()).isTrue();
      clock.advance(Duration.ofSeconds(29));
      assertThat(server.expireCalls()).isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(server.expireCalls()).isEqualTo(1);
      assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(CallOutcome.TimedOut.class);
      // now the second goes out, with another id
      JsonNode call2 = cp.nextJson();
      assertThat(call2.get(1).textValue()).isNotEqualTo(call1.get(1).textValue());
      // a late answer to the first is dropped; the second's answer settles the second
      cp.send("[3,\"" + call1.get(1).textValue() + "\",{\"versionNumber\":1}]");
      cp.send("[4,\"" + call2.get(1).textValue() + "\",\"NotSupported\",\"no list\",{}]");
      CallOutcome got = second.get(10, TimeUnit.SECONDS);
      assertThat(got).isEqualTo(new CallOutcome.Refused("NotSupported", "no list"));
    }
  }

  @Test
  void anAnswerBreakingItsSchemaRefusesTheCall() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V16)) {
      ChargerSession session = awaitSession(cp, "CP1");
      var outcome = session.call("GetLocalListVersion", Frames.object());
      JsonNode call = cp.nextJson();
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"listVersion\":\"one\"}]");
      CallOutcome got = outcome.get(10, TimeUnit.SECONDS);
      assertThat(got).isInstanceOf(CallOutcome.Refused.class);
      assertThat(((CallOutcome.Refused) got).code()).isEqualTo("TypeConstraintViolation");
      assertThat(cp.nothingReceived()).isTrue();
    }
  }

  @Test
  void aCallOfOursThatBreaksTheSchemaIsRefusedBeforeSending() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP1", V16)) {
      ChargerSession session = awaitSession(cp, "CP1");
      assertThatThrownBy(() -> session.call("Reset", Frames.object("{\"type\":\"Gentle\"}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Reset");
      assertThatThrownBy(() -> session.call("TransactionEvent", Frames.object()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aClosedConnectionEndsItsCalls() throws Exception {
    TestCharger cp = TestCharger.connect(server.port(), "CP1", V16);
    ChargerSession session = awaitSession(cp, "CP1");
    var outcome = session.call("GetLocalListVersion", Frames.object());
    cp.nextJson();
    cp.close();
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CallOutcome.Closed.class);
  }

  @Test
  void aNewConnectionReplacesTheOldOne() throws Exception {
    try (TestCharger old = TestCharger.connect(server.port(), "CP1", V16);
        TestCharger fresh = TestCharger.connect(server.port(), "CP1", V201)) {
      assertThat(old.closeCode()).isEqualTo(1008);
      assertThat(fresh.call("1", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      assertThat(server.charger("CP1").orElseThrow().version()).isEqualTo(OcppVersion.V2_0_1);
    }
  }

  /**
   * The server side of a connection: registered when the WebSocket opens, just after the upgrade.
   */
  private ChargerSession awaitSession(TestCharger cp, String identity) throws Exception {
    // A heartbeat round trip proves the connection open and registered.
    assertThat(cp.call("open", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    return server.charger(identity).orElseThrow();
  }

  private String rawUpgrade(String path, String subprotocol) throws Exception {
    return TestCharger.rawUpgrade(server.port(), path, subprotocol);
  }
}
