package org.openvpp.ocpp.charging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.metering.MeterListener;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.CallOutcome;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;
import org.openvpp.ocpp.transaction.AuthStatus;
import org.openvpp.ocpp.transaction.InMemoryAuthorizer;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class SmartChargingTest {
  private static final String BOOT201 =
      "{\"reason\":\"PowerUp\",\"chargingStation\":{\"vendorName\":\"Acme\",\"model\":\"Wall 22\"}}";
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

  private final TestClock clock = new TestClock(T0);
  private final List<ChargingNeeds> needs = new CopyOnWriteArrayList<>();
  private final Transactions transactions =
      new Transactions(
          new InMemoryAuthorizer().with("TAG-OK", AuthStatus.ACCEPTED), MeterListener.none());
  private final SmartCharging smart =
      new SmartCharging(clock, needs::add, transactions, transactions);
  private OcppServer server;

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults().withPort(0).withSweepEvery(Duration.ZERO),
            TestSchemas.get(),
            new LifeCycle(
                InMemoryChargerRegistry.knowing("CP16", "CP201"),
                clock,
                Duration.ofSeconds(300),
                Duration.ofSeconds(60),
                smart),
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String event(String type, int seqNo, int evse) {
    return "{\"eventType\":\""
        + type
        + "\",\"seqNo\":"
        + seqNo
        + ",\"timestamp\":\"2026-12-01T18:00:00Z\",\"triggerReason\":\"Authorized\","
        + "\"transactionInfo\":{\"transactionId\":\"TX-"
        + evse
        + "\"},\"evse\":{\"id\":"
        + evse
        + ",\"connectorId\":1}}";
  }

  private static String acNeeds(int evse, String extra) {
    return "{\"evseId\":"
        + evse
        + ",\"chargingNeeds\":{\"requestedEnergyTransfer\":\"AC_three_phase\","
        + "\"departureTime\":\"2026-12-02T07:30:00Z\",\"acChargingParameters\":{"
        + "\"energyAmount\":24000,\"evMinCurrent\":6,\"evMaxCurrent\":16,\"evMaxVoltage\":400}"
        + extra
        + "}}";
  }

  private static TestCharger booted201(int port) throws Exception {
    TestCharger cp = TestCharger.connect(port, "CP201", "ocpp2.0.1");
    assertThat(cp.call("b", "BootNotification", BOOT201).get(2).path("status").asText())
        .isEqualTo("Accepted");
    return cp;
  }

  private static JsonNode errorOf(JsonNode answer) {
    assertThat(answer.get(0).intValue()).as(answer.toString()).isEqualTo(4);
    return answer;
  }

  @Test
  void needsOnAnEvseWithAnOpenTransactionAreAcceptedAndPassedOn() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      cp.call("1", "TransactionEvent", event("Started", 0, 1));
      clock.advance(Duration.ofSeconds(5));
      JsonNode a = cp.call("2", "NotifyEVChargingNeeds", acNeeds(1, ""));
      assertThat(a.get(0).intValue()).isEqualTo(3);
      assertThat(a.get(2).path("status").asText()).isEqualTo("Accepted");
    }
    assertThat(needs)
        .containsExactly(
            new ChargingNeeds(
                "CP201",
                1,
                "TX-1",
                "AC_three_phase",
                Optional.of(Instant.parse("2026-12-02T07:30:00Z")),
                Optional.of(Energy.ofKilowattHours(24)),
                T0.plusSeconds(5)));
    assertThat(smart.needsAccepted()).isEqualTo(1);
  }

  @Test
  void dcNeedsTakeTheEnergyOfTheDcParametersAndMayOmitIt() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      cp.call("1", "TransactionEvent", event("Started", 0, 2));
      String dc =
          "{\"evseId\":2,\"chargingNeeds\":{\"requestedEnergyTransfer\":\"DC\","
              + "\"dcChargingParameters\":{\"evMaxCurrent\":200,\"evMaxVoltage\":800,"
              + "\"energyAmount\":40000,\"stateOfCharge\":20}}}";
      assertThat(cp.call("2", "NotifyEVChargingNeeds", dc).get(2).path("status").asText())
          .isEqualTo("Accepted");
      String bare =
          "{\"evseId\":2,\"chargingNeeds\":{\"requestedEnergyTransfer\":\"DC\","
              + "\"dcChargingParameters\":{\"evMaxCurrent\":200,\"evMaxVoltage\":800}}}";
      assertThat(cp.call("3", "NotifyEVChargingNeeds", bare).get(2).path("status").asText())
          .isEqualTo("Accepted");
    }
    assertThat(needs).hasSize(2);
    assertThat(needs.get(0).energy()).contains(Energy.ofKilowattHours(40));
    assertThat(needs.get(0).departure()).isEmpty();
    assertThat(needs.get(1).energy()).isEmpty();
  }

  @Test
  void needsOnAnEvseWithoutAnOpenTransactionAreRejected() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      JsonNode none = cp.call("1", "NotifyEVChargingNeeds", acNeeds(1, "")).get(2);
      assertThat(none.path("status").asText()).isEqualTo("Rejected");
      assertThat(none.path("statusInfo").path("reasonCode").asText()).isEqualTo("NoTransaction");
      // a transaction on another EVSE does not count, nor one that ended
      cp.call("2", "TransactionEvent", event("Started", 0, 2));
      assertThat(
              cp.call("3", "NotifyEVChargingNeeds", acNeeds(1, "")).get(2).path("status").asText())
          .isEqualTo("Rejected");
      cp.call("4", "TransactionEvent", event("Ended", 1, 2));
      assertThat(
              cp.call("5", "NotifyEVChargingNeeds", acNeeds(2, "")).get(2).path("status").asText())
          .isEqualTo("Rejected");
    }
    assertThat(needs).isEmpty();
    assertThat(smart.needsRejected()).isEqualTo(3);
  }

  @Test
  void badNeedsAreRefusedWithTheRightCallError() throws Exception {
    record Case(String payload, String code) {}
    List<Case> cases =
        List.of(
            new Case("{\"evseId\":1}", "OccurrenceConstraintViolation"),
            new Case(acNeeds(1, "").replace("24000", "\"lots\""), "TypeConstraintViolation"),
            new Case(acNeeds(1, ",\"colour\":\"red\""), "ProtocolError"),
            new Case(acNeeds(1, "").replace("24000", "-1"), "PropertyConstraintViolation"),
            new Case(
                acNeeds(1, "").replace("2026-12-02T07:30:00Z", "tomorrow"),
                "PropertyConstraintViolation"),
            new Case(
                "{\"evseId\":1,\"chargingNeeds\":{\"requestedEnergyTransfer\":\"AC_single_phase\","
                    + "\"dcChargingParameters\":{\"evMaxCurrent\":200,\"evMaxVoltage\":800}}}",
                "PropertyConstraintViolation"));
    try (TestCharger cp = booted201(server.port())) {
      cp.call("0", "TransactionEvent", event("Started", 0, 1));
      int i = 1;
      for (Case c : cases) {
        JsonNode a = errorOf(cp.call("n" + i++, "NotifyEVChargingNeeds", c.payload()));
        assertThat(a.get(2).textValue()).as(c.payload()).isEqualTo(c.code());
      }
      assertThat(cp.call("ok", "NotifyEVChargingNeeds", acNeeds(1, "")).get(0).intValue())
          .isEqualTo(3);
    }
    assertThat(needs).hasSize(1);
  }

  @Test
  void a16ChargerCannotSendTheseMessages() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      JsonNode a = errorOf(cp.call("1", "NotifyEVChargingNeeds", acNeeds(1, "")));
      assertThat(a.get(2).textValue()).isEqualTo("NotImplemented");
      // its other actions go on to the transactions
      JsonNode auth = cp.call("2", "Authorize", "{\"idTag\":\"TAG-OK\"}");
      assertThat(auth.get(2).path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
    }
  }

  private static String report(int requestId, boolean tbc, String validTo) {
    return "{\"requestId\":"
        + requestId
        + ",\"chargingLimitSource\":\"CSO\",\"evseId\":1"
        + (tbc ? ",\"tbc\":true" : "")
        + ",\"chargingProfile\":[{\"id\":7,\"stackLevel\":2,"
        + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
        + "\"validTo\":\""
        + validTo
        + "\",\"chargingSchedule\":[{\"id\":7,\"startSchedule\":\"2026-12-01T18:00:00Z\","
        + "\"duration\":7200,\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":["
        + "{\"startPeriod\":0,\"limit\":16,\"numberPhases\":3},{\"startPeriod\":600,\"limit\":8}]}]},"
        + "{\"id\":99,\"stackLevel\":0,\"chargingProfilePurpose\":"
        + "\"ChargingStationExternalConstraints\",\"chargingProfileKind\":\"Relative\","
        + "\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"W\","
        + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000}]}]}]}";
  }

  @Test
  void reportedProfilesAreAnsweredAndKept() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      // the central system asks; the charger accepts and reports in two parts
      var asked =
          server
              .charger("CP201")
              .orElseThrow()
              .call(
                  ChargingMessages.GET_CHARGING_PROFILES,
                  ChargingMessages.getChargingProfiles(5, Optional.of(1)));
      JsonNode get = cp.nextJson();
      assertThat(get.get(2).textValue()).isEqualTo("GetChargingProfiles");
      cp.send("[3,\"" + get.get(1).textValue() + "\",{\"status\":\"Accepted\"}]");
      assertThat(asked.get(10, TimeUnit.SECONDS)).isInstanceOf(CallOutcome.Answered.class);
      JsonNode a = cp.call("1", "ReportChargingProfiles", report(5, true, "2026-12-01T20:00:00Z"));
      assertThat(a.get(0).intValue()).isEqualTo(3);
      assertThat(a.get(2).size()).isZero();
      clock.advance(Duration.ofSeconds(1));
      cp.call("2", "ReportChargingProfiles", report(5, false, "2026-12-01T21:00:00Z"));
    }
    List<ProfileReport> kept = smart.reports("CP201");
    assertThat(kept).hasSize(2);
    ProfileReport first = kept.get(0);
    assertThat(first.requestId()).isEqualTo(5);
    assertThat(first.evseId()).isEqualTo(1);
    assertThat(first.source()).isEqualTo("CSO");
    assertThat(first.toBeContinued()).isTrue();
    assertThat(first.received()).isEqualTo(T0);
    assertThat(kept.get(1).toBeContinued()).isFalse();
    ReportedProfile p = first.profiles().get(0);
    assertThat(p.id()).isEqualTo(7);
    assertThat(p.purpose()).isEqualTo(Purpose.TX_DEFAULT);
    assertThat(p.stackLevel()).isEqualTo(2);
    assertThat(p.kind()).isEqualTo("Absolute");
    assertThat(p.validTo()).contains(Instant.parse("2026-12-01T20:00:00Z"));
    RateSchedule s = p.schedules().get(0);
    assertThat(s.unit()).isEqualTo(RateUnit.AMPERES);
    assertThat(s.start()).contains(T0);
    assertThat(s.duration()).contains(Duration.ofHours(2));
    assertThat(s.periods())
        .containsExactly(
            new RatePeriod(Duration.ZERO, 16, Optional.of(3)),
            new RatePeriod(Duration.ofMinutes(10), 8, Optional.empty()));
    assertThat(s.inWatts(Optional.of(new PhaseVoltage(230))).get(1).limit())
        .isEqualTo(Power.ofWatts(8 * 230 * 3));
    ReportedProfile external = first.profiles().get(1);
    assertThat(external.purpose()).isEqualTo(Purpose.EXTERNAL_CONSTRAINTS);
    assertThat(external.schedules().get(0).start()).isEmpty();
  }

  @Test
  void aReportOfANewerRequestReplacesTheKeptOnes() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      cp.call("1", "ReportChargingProfiles", report(5, true, "2026-12-01T20:00:00Z"));
      cp.call("2", "ReportChargingProfiles", report(5, false, "2026-12-01T20:00:00Z"));
      cp.call("3", "ReportChargingProfiles", report(6, false, "2026-12-01T20:00:00Z"));
    }
    assertThat(smart.reports("CP201")).extracting(ProfileReport::requestId).containsExactly(6);
    assertThat(smart.reports("nobody")).isEmpty();
  }

  @Test
  void aReportWithATimeThatIsNoDateTimeIsRefusedAndNotKept() throws Exception {
    try (TestCharger cp = booted201(server.port())) {
      JsonNode a = errorOf(cp.call("1", "ReportChargingProfiles", report(5, false, "soon")));
      assertThat(a.get(2).textValue()).isEqualTo("PropertyConstraintViolation");
    }
    assertThat(smart.reports("CP201")).isEmpty();
  }
}
