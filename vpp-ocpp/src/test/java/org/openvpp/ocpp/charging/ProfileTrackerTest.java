package org.openvpp.ocpp.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.charging.ProfileTracker.Entry;
import org.openvpp.ocpp.charging.ProfileTracker.State;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.CallOutcome;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;
import org.openvpp.units.Power;

class ProfileTrackerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

  private final TestClock clock = new TestClock(T0);
  private final ProfileTracker tracker = new ProfileTracker(clock, Duration.ofHours(24));
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
            new LifeCycle(
                InMemoryChargerRegistry.knowing("CP16", "CP201"),
                clock,
                Duration.ofSeconds(300),
                Duration.ofSeconds(60)),
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static LimitProfile limit(int id, Instant validTo) {
    return LimitProfile.constant(
        id, 1, Purpose.TX_DEFAULT, 1, T0, Power.ofKilowatts(4), validTo, Optional.empty());
  }

  private ChargerSession session(TestCharger cp, String identity) throws Exception {
    assertThat(cp.call("open", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    return server.charger(identity).orElseThrow();
  }

  /** The next CALL the charger got, checked to be a SetChargingProfile valid in {@code v}. */
  private static JsonNode nextSetChargingProfile(TestCharger cp, OcppVersion v) throws Exception {
    JsonNode call = cp.nextJson();
    assertThat(call.get(0).intValue()).isEqualTo(2);
    assertThat(call.get(2).textValue()).isEqualTo("SetChargingProfile");
    assertThat(TestSchemas.get().checkRequest(v, "SetChargingProfile", call.get(3))).isEmpty();
    return call;
  }

  private static Entry settled(CompletableFuture<Entry> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void anAcceptedProfileIsCountedAccepted() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      ChargerSession s = session(cp, "CP16");
      LimitProfile p = limit(3, T0.plus(Duration.ofHours(2)));
      CompletableFuture<Entry> f = tracker.send(s, p);
      assertThat(tracker.count(State.PENDING)).isEqualTo(1);
      JsonNode call = nextSetChargingProfile(cp, OcppVersion.V1_6);
      // the payload written for 1.6, as text (a tree read back has no decimal nodes)
      assertThat(call.get(3).toString())
          .isEqualTo(ChargingMessages.setChargingProfile(OcppVersion.V1_6, p).toString());
      clock.advance(Duration.ofSeconds(2));
      cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"Accepted\"}]");
      Entry e = settled(f);
      assertThat(e.state()).isEqualTo(State.ACCEPTED);
      assertThat(e.charger()).isEqualTo("CP16");
      assertThat(e.profile()).isEqualTo(p);
      assertThat(e.sent()).isEqualTo(T0);
      assertThat(e.settled()).contains(T0.plusSeconds(2));
      assertThat(e.reason()).isEmpty();
      assertThat(tracker.entry(e.id())).contains(e);
    }
    assertThat(tracker.count(State.ACCEPTED)).isEqualTo(1);
    assertThat(tracker.count(State.PENDING)).isZero();
    assertThat(tracker.sent()).isEqualTo(1);
  }

  @Test
  void rejectedProfilesAreCountedWithTheirReasons() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      ChargerSession s = session(cp, "CP201");
      Instant until = T0.plus(Duration.ofHours(1));

      var rejected = tracker.send(s, limit(1, until));
      String id1 = nextSetChargingProfile(cp, OcppVersion.V2_0_1).get(1).textValue();
      cp.send(
          "[3,\""
              + id1
              + "\",{\"status\":\"Rejected\",\"statusInfo\":{\"reasonCode\":\"TxNotFound\"}}]");
      assertThat(settled(rejected).reason()).contains("Rejected (TxNotFound)");

      var refused = tracker.send(s, limit(2, until));
      String id2 = nextSetChargingProfile(cp, OcppVersion.V2_0_1).get(1).textValue();
      cp.send("[4,\"" + id2 + "\",\"NotSupported\",\"no smart charging here\",{}]");
      assertThat(settled(refused).reason())
          .contains("CALLERROR NotSupported: no smart charging here");

      var nonsense = tracker.send(s, limit(3, until));
      String id3 = nextSetChargingProfile(cp, OcppVersion.V2_0_1).get(1).textValue();
      cp.send("[3,\"" + id3 + "\",{\"status\":\"Maybe\"}]");
      Entry e3 = settled(nonsense);
      assertThat(e3.state()).isEqualTo(State.REJECTED);
      assertThat(e3.reason().orElseThrow()).contains("PropertyConstraintViolation");
    }
    assertThat(tracker.count(State.REJECTED)).isEqualTo(3);
    assertThat(tracker.count(State.ACCEPTED)).isZero();
    assertThat(tracker.entries()).extracting(e -> e.profile().id()).containsExactly(1, 2, 3);
  }

  @Test
  void anUnansweredProfileTimesOutByTheClockAndTheNextGoesOut() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      ChargerSession s = session(cp, "CP16");
      var first = tracker.send(s, limit(1, T0.plus(Duration.ofHours(1))));
      var second = tracker.send(s, limit(2, T0.plus(Duration.ofHours(1))));
      nextSetChargingProfile(cp, OcppVersion.V1_6);
      assertThat(tracker.count(State.PENDING)).isEqualTo(2);
      clock.advance(Duration.ofSeconds(30));
      assertThat(server.expireCalls()).isEqualTo(1);
      Entry e = settled(first);
      assertThat(e.state()).isEqualTo(State.TIMED_OUT);
      assertThat(e.settled()).contains(T0.plusSeconds(30));
      assertThat(e.reason().orElseThrow()).contains("validTo");
      String id2 = nextSetChargingProfile(cp, OcppVersion.V1_6).get(1).textValue();
      cp.send("[3,\"" + id2 + "\",{\"status\":\"Accepted\"}]");
      assertThat(settled(second).state()).isEqualTo(State.ACCEPTED);
    }
    assertThat(tracker.count(State.TIMED_OUT)).isEqualTo(1);
    assertThat(tracker.count(State.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void aProfileWhoseConnectionClosesIsCountedClosed() throws Exception {
    TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1");
    ChargerSession s = session(cp, "CP201");
    var f = tracker.send(s, limit(1, T0.plus(Duration.ofHours(1))));
    nextSetChargingProfile(cp, OcppVersion.V2_0_1);
    cp.close();
    assertThat(settled(f).state()).isEqualTo(State.CLOSED);
    assertThat(tracker.count(State.CLOSED)).isEqualTo(1);
    // a session already closed settles at once
    assertThat(settled(tracker.send(s, limit(2, T0.plus(Duration.ofHours(1))))).state())
        .isEqualTo(State.CLOSED);
  }

  @Test
  void aProfileThatHasLapsedOrWouldHoldTooLongIsNotSent() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      ChargerSession s = session(cp, "CP16");
      clock.advance(Duration.ofHours(2));
      assertThatThrownBy(() -> tracker.send(s, limit(1, T0.plus(Duration.ofHours(2)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lapsed");
      assertThatThrownBy(() -> tracker.send(s, limit(1, T0.plus(Duration.ofHours(27)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than PT24H");
      // nothing went out: the next message is the answer to this heartbeat
      assertThat(cp.call("h", "Heartbeat", "{}").get(1).textValue()).isEqualTo("h");
      // just inside both bounds goes
      var f = tracker.send(s, limit(1, T0.plus(Duration.ofHours(26))));
      String id = nextSetChargingProfile(cp, OcppVersion.V1_6).get(1).textValue();
      cp.send("[3,\"" + id + "\",{\"status\":\"Accepted\"}]");
      assertThat(settled(f).state()).isEqualTo(State.ACCEPTED);
    }
    assertThat(tracker.sent()).isEqualTo(1);
  }

  @Test
  void a16ProfileWhoseTransactionIdIsNotAnIntegerIsNotSent() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      ChargerSession s = session(cp, "CP16");
      LimitProfile p =
          LimitProfile.constant(
              1,
              1,
              Purpose.TX,
              0,
              T0,
              Power.ofKilowatts(4),
              T0.plus(Duration.ofHours(1)),
              Optional.of("TX-9"));
      assertThatThrownBy(() -> tracker.send(s, p)).isInstanceOf(IllegalArgumentException.class);
      assertThat(tracker.sent()).isZero();
      assertThat(tracker.entries()).isEmpty();
    }
  }

  @Test
  void clearChargingProfileGoesOutAndItsAnswerIsCheckedInBothVersions() throws Exception {
    for (String identity : new String[] {"CP16", "CP201"}) {
      OcppVersion v = identity.equals("CP16") ? OcppVersion.V1_6 : OcppVersion.V2_0_1;
      try (TestCharger cp = TestCharger.connect(server.port(), identity, v.subprotocol())) {
        ChargerSession s = session(cp, identity);
        var unknown =
            s.call(
                ChargingMessages.CLEAR_CHARGING_PROFILE,
                ChargingMessages.clearChargingProfile(v, ProfileFilter.byId(3)));
        JsonNode call = cp.nextJson();
        assertThat(call.get(2).textValue()).isEqualTo("ClearChargingProfile");
        assertThat(TestSchemas.get().checkRequest(v, "ClearChargingProfile", call.get(3)))
            .isEmpty();
        cp.send("[3,\"" + call.get(1).textValue() + "\",{\"status\":\"Unknown\"}]");
        assertThat(unknown.get(10, TimeUnit.SECONDS))
            .isEqualTo(new CallOutcome.Answered(Frames.object("{\"status\":\"Unknown\"}")));
        var gone =
            s.call(
                ChargingMessages.CLEAR_CHARGING_PROFILE,
                ChargingMessages.clearChargingProfile(
                    v, ProfileFilter.matching(1, Purpose.TX_DEFAULT, 1)));
        String id = cp.nextJson().get(1).textValue();
        cp.send("[3,\"" + id + "\",{\"status\":\"Gone\"}]");
        assertThat(gone.get(10, TimeUnit.SECONDS)).isInstanceOf(CallOutcome.Refused.class);
      }
    }
  }

  @Test
  void settledEntriesAreForgottenButStillCounted() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      ChargerSession s = session(cp, "CP16");
      var f = tracker.send(s, limit(1, T0.plus(Duration.ofHours(1))));
      String id = nextSetChargingProfile(cp, OcppVersion.V1_6).get(1).textValue();
      cp.send("[3,\"" + id + "\",{\"status\":\"Accepted\"}]");
      settled(f);
      var pending = tracker.send(s, limit(2, T0.plus(Duration.ofHours(1))));
      nextSetChargingProfile(cp, OcppVersion.V1_6);
      assertThat(tracker.forgetBefore(T0.plusSeconds(1))).isEqualTo(1);
      assertThat(tracker.entries()).hasSize(1);
      assertThat(tracker.count(State.ACCEPTED)).isEqualTo(1);
      assertThat(pending).isNotDone();
    }
  }
}
