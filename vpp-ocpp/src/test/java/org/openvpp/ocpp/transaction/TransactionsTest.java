package org.openvpp.ocpp.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.metering.MeterListener;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.metering.Sample;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class TransactionsTest {
  private static final String BOOT16 =
      "{\"chargePointVendor\":\"Acme\",\"chargePointModel\":\"Wall 11\"}";
  private static final String BOOT201 =
      "{\"reason\":\"PowerUp\",\"chargingStation\":{\"vendorName\":\"Acme\",\"model\":\"Wall 22\"}}";
  private static final String START16 =
      "{\"connectorId\":1,\"idTag\":\"TAG-OK\",\"meterStart\":120000,"
          + "\"timestamp\":\"2026-12-01T18:00:00Z\"}";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T18:00:00Z"));
  private final List<MeterReport> reports = new CopyOnWriteArrayList<>();
  private final List<String> skipped = new CopyOnWriteArrayList<>();
  private final Transactions transactions =
      new Transactions(
          new InMemoryAuthorizer()
              .with("TAG-OK", AuthStatus.ACCEPTED)
              .with("TAG-BLOCKED", AuthStatus.BLOCKED)
              .with("TAG-BROKE", AuthStatus.NO_CREDIT),
          new MeterListener() {
            @Override
            public void samples(MeterReport report) {
              reports.add(report);
            }

            @Override
            public void skipped(String charger, String reason) {
              skipped.add(charger + ": " + reason);
            }
          });
  private OcppServer server;

  @BeforeEach
  void start() {
    LifeCycle life =
        new LifeCycle(
            InMemoryChargerRegistry.knowing("CP16", "CP201"),
            clock,
            Duration.ofSeconds(300),
            Duration.ofSeconds(60),
            transactions);
    server =
        OcppServer.start(
            OcppConfig.defaults().withPort(0).withSweepEvery(Duration.ZERO),
            TestSchemas.get(),
            life,
            clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String event201(
      String type, int seqNo, String time, String trigger, boolean offline, String extra) {
    return "{\"eventType\":\""
        + type
        + "\",\"seqNo\":"
        + seqNo
        + ",\"timestamp\":\""
        + time
        + "\",\"triggerReason\":\""
        + trigger
        + "\""
        + (offline ? ",\"offline\":true" : "")
        + ",\"transactionInfo\":{\"transactionId\":\"TX-9\"}"
        + extra
        + "}";
  }

  private static String register201(String time, double value, String unit, int multiplier) {
    return ",\"meterValue\":[{\"timestamp\":\""
        + time
        + "\",\"sampledValue\":[{\"value\":"
        + value
        + ",\"unitOfMeasure\":{\"unit\":\""
        + unit
        + "\",\"multiplier\":"
        + multiplier
        + "}}]}]";
  }

  @Test
  void aWhole16SessionIsAccountedFromMeterStartToMeterStop() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      JsonNode auth = cp.call("2", "Authorize", "{\"idTag\":\"TAG-OK\"}");
      assertThat(auth.get(2).path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
      JsonNode started = cp.call("3", "StartTransaction", START16).get(2);
      assertThat(started.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
      int id = started.path("transactionId").intValue();
      JsonNode mv =
          cp.call(
              "4",
              "MeterValues",
              "{\"connectorId\":1,\"transactionId\":"
                  + id
                  + ",\"meterValue\":[{\"timestamp\":\"2026-12-01T18:30:00Z\",\"sampledValue\":["
                  + "{\"value\":\"123.7\",\"unit\":\"kWh\"},"
                  + "{\"value\":\"7.4\",\"unit\":\"kW\",\"measurand\":\"Power.Active.Import\"},"
                  + "{\"value\":\"41\",\"unit\":\"Percent\",\"measurand\":\"SoC\","
                  + "\"location\":\"EV\"}]}]}");
      assertThat(mv.get(0).intValue()).isEqualTo(3);
      Transaction open = transactions.transaction("CP16", Integer.toString(id)).orElseThrow();
      assertThat(open.open()).isTrue();
      assertThat(open.energy()).isEqualTo(Energy.ofWattHours(3_700));
      JsonNode stopped =
          cp.call(
              "5",
              "StopTransaction",
              "{\"transactionId\":"
                  + id
                  + ",\"idTag\":\"TAG-OK\",\"meterStop\":127400,"
                  + "\"timestamp\":\"2026-12-01T19:00:00Z\",\"reason\":\"EVDisconnected\","
                  + "\"transactionData\":[{\"timestamp\":\"2026-12-01T19:00:00Z\","
                  + "\"sampledValue\":[{\"value\":\"127.4\",\"unit\":\"kWh\","
                  + "\"context\":\"Transaction.End\"}]}]}");
      assertThat(stopped.get(2).path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
    }
    Transaction t = transactions.transactions("CP16").get(0);
    assertThat(t.connector()).contains(new ConnectorRef(1, 1));
    assertThat(t.idToken()).contains(IdToken.idTag("TAG-OK"));
    assertThat(t.started()).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(t.meterStart()).contains(Energy.ofWattHours(120_000));
    assertThat(t.ended()).contains(Instant.parse("2026-12-01T19:00:00Z"));
    assertThat(t.stopReason()).contains("EVDisconnected");
    assertThat(t.energy()).isEqualTo(Energy.ofKilowattHours(7.4));
    assertThat(t.events()).isEqualTo(2);

    assertThat(reports).hasSize(2);
    MeterReport during = reports.get(0);
    assertThat(during.evseId()).isEqualTo(1);
    assertThat(during.transactionId()).contains(t.id());
    assertThat(during.samples()).hasSize(3);
    assertThat(during.samples().get(1).power()).contains(Power.ofKilowatts(7.4));
    assertThat(reports.get(1).samples().get(0).context()).isEqualTo("Transaction.End");
  }

  @Test
  void authorizeAnswersEachVersionsStatuses() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      assertThat(status16(cp, "2", "TAG-BLOCKED")).isEqualTo("Blocked");
      assertThat(status16(cp, "3", "nobody")).isEqualTo("Invalid");
      assertThat(status16(cp, "4", "TAG-BROKE")).isEqualTo("Blocked");
      assertThat(status16(cp, "5", "tag-ok")).isEqualTo("Accepted");
    }
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      cp.call("1", "BootNotification", BOOT201);
      assertThat(status201(cp, "2", "TAG-BLOCKED")).isEqualTo("Blocked");
      assertThat(status201(cp, "3", "nobody")).isEqualTo("Unknown");
      assertThat(status201(cp, "4", "TAG-BROKE")).isEqualTo("NoCredit");
      assertThat(status201(cp, "5", "TAG-OK")).isEqualTo("Accepted");
    }
  }

  private static String status16(TestCharger cp, String id, String tag) throws Exception {
    return cp.call(id, "Authorize", "{\"idTag\":\"" + tag + "\"}")
        .get(2)
        .path("idTagInfo")
        .path("status")
        .asText();
  }

  private static String status201(TestCharger cp, String id, String token) throws Exception {
    return cp.call(
            id, "Authorize", "{\"idToken\":{\"idToken\":\"" + token + "\",\"type\":\"ISO14443\"}}")
        .get(2)
        .path("idTokenInfo")
        .path("status")
        .asText();
  }

  @Test
  void aWhole201SessionIsAccountedFromItsEvents() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      cp.call("1", "BootNotification", BOOT201);
      JsonNode s =
          cp.call(
              "2",
              "TransactionEvent",
              event201(
                  "Started",
                  0,
                  "2026-12-01T18:00:00Z",
                  "Authorized",
                  false,
                  ",\"evse\":{\"id\":1,\"connectorId\":1},"
                      + "\"idToken\":{\"idToken\":\"TAG-OK\",\"type\":\"ISO14443\"}"
                      + register201("2026-12-01T18:00:00Z", 50, "kWh", 0)));
      assertThat(s.get(2).path("idTokenInfo").path("status").asText()).isEqualTo("Accepted");
      JsonNode u =
          cp.call(
              "3",
              "TransactionEvent",
              event201(
                  "Updated",
                  1,
                  "2026-12-01T18:15:00Z",
                  "MeterValuePeriodic",
                  false,
                  register201("2026-12-01T18:15:00Z", 51.85, "Wh", 3)));
      assertThat(u.get(2).size()).isZero();
      cp.call(
          "4",
          "MeterValues",
          "{\"evseId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T18:20:00Z\","
              + "\"sampledValue\":[{\"value\":11,\"measurand\":\"Power.Active.Import\","
              + "\"unitOfMeasure\":{\"unit\":\"kW\"}}]}]}");
      cp.call(
          "5",
          "TransactionEvent",
          event201(
              "Ended",
              2,
              "2026-12-01T18:30:00Z",
              "EVDeparted",
              false,
              register201("2026-12-01T18:30:00Z", 5370, "Wh", 1)));
    }
    Transaction t = transactions.transaction("CP201", "TX-9").orElseThrow();
    assertThat(t.connector()).contains(new ConnectorRef(1, 1));
    assertThat(t.idToken()).contains(new IdToken("TAG-OK", "ISO14443"));
    assertThat(t.started()).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThat(t.ended()).contains(Instant.parse("2026-12-01T18:30:00Z"));
    assertThat(t.energy()).isEqualTo(Energy.ofKilowattHours(3.7));
    assertThat(t.events()).isEqualTo(3);
    assertThat(reports).hasSize(4);
    assertThat(reports.get(2).transactionId()).isEqualTo(Optional.empty());
    assertThat(reports.get(2).samples().get(0).power()).contains(Power.ofKilowatts(11));
  }

  @Test
  void offlineQueued201EventsSentAgainAfterAReconnectAreCountedOnce() throws Exception {
    String started =
        event201(
            "Started",
            0,
            "2026-12-01T18:00:00Z",
            "CablePluggedIn",
            false,
            ",\"evse\":{\"id\":2}" + register201("2026-12-01T18:00:00Z", 1000, "Wh", 0));
    String queued1 =
        event201(
            "Updated",
            1,
            "2026-12-01T18:10:00Z",
            "MeterValuePeriodic",
            true,
            register201("2026-12-01T18:10:00Z", 2000, "Wh", 0));
    String queued2 =
        event201(
            "Updated",
            2,
            "2026-12-01T18:20:00Z",
            "MeterValuePeriodic",
            true,
            register201("2026-12-01T18:20:00Z", 3000, "Wh", 0));
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      cp.call("1", "BootNotification", BOOT201);
      cp.call("2", "TransactionEvent", started);
      // offline: the charger queues 1 and 2, and gets 1 through before the link drops again
      cp.call("3", "TransactionEvent", queued1);
    }
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      // reconnected: the whole queue again, the answer to 1 having been lost
      assertThat(cp.call("1", "TransactionEvent", queued1).get(0).intValue()).isEqualTo(3);
      assertThat(cp.call("2", "TransactionEvent", queued2).get(0).intValue()).isEqualTo(3);
      assertThat(cp.call("3", "TransactionEvent", queued2).get(0).intValue()).isEqualTo(3);
      cp.call(
          "4",
          "TransactionEvent",
          event201(
              "Ended",
              3,
              "2026-12-01T18:25:00Z",
              "EVDeparted",
              false,
              register201("2026-12-01T18:25:00Z", 3500, "Wh", 0)));
    }
    Transaction t = transactions.transaction("CP201", "TX-9").orElseThrow();
    assertThat(t.events()).isEqualTo(4);
    assertThat(t.offlineEvents()).isEqualTo(2);
    assertThat(t.energy()).isEqualTo(Energy.ofWattHours(2_500));
    assertThat(t.connector()).contains(new ConnectorRef(2, 0));
    assertThat(t.open()).isFalse();
    assertThat(reports).hasSize(4);
    assertThat(reports.stream().mapToDouble(r -> r.samples().get(0).value()))
        .containsExactly(1000.0, 2000.0, 3000.0, 3500.0);
  }

  @Test
  void aRetried16StartTransactionGetsTheSameTransactionId() throws Exception {
    int first;
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      first = cp.call("2", "StartTransaction", START16).get(2).path("transactionId").intValue();
    }
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      // the answer was lost with the connection: the charger sends the same start again
      JsonNode again = cp.call("1", "StartTransaction", START16).get(2);
      assertThat(again.path("transactionId").intValue()).isEqualTo(first);
      assertThat(again.path("idTagInfo").path("status").asText()).isEqualTo("Accepted");
      int other =
          cp.call(
                  "2",
                  "StartTransaction",
                  START16.replace("\"connectorId\":1", "\"connectorId\":2"))
              .get(2)
              .path("transactionId")
              .intValue();
      assertThat(other).isNotEqualTo(first);
      String stop =
          "{\"transactionId\":"
              + first
              + ",\"meterStop\":121000,\"timestamp\":\"2026-12-01T19:00:00Z\","
              + "\"transactionData\":[{\"timestamp\":\"2026-12-01T19:00:00Z\","
              + "\"sampledValue\":[{\"value\":\"121000\"}]}]}";
      assertThat(cp.call("3", "StopTransaction", stop).get(0).intValue()).isEqualTo(3);
      assertThat(cp.call("4", "StopTransaction", stop).get(0).intValue()).isEqualTo(3);
    }
    assertThat(transactions.transactions("CP16")).hasSize(2);
    Transaction t = transactions.transaction("CP16", Integer.toString(first)).orElseThrow();
    assertThat(t.energy()).isEqualTo(Energy.ofWattHours(1_000));
    assertThat(t.events()).isEqualTo(2);
    assertThat(reports).hasSize(1);
  }

  @Test
  void meterValuesThatMakeNoSenseAreRefusedWholeAndTheConnectionGoesOn() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      JsonNode r =
          cp.call(
              "2",
              "MeterValues",
              "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T18:30:00Z\","
                  + "\"sampledValue\":[{\"value\":\"7.4\",\"unit\":\"kW\","
                  + "\"measurand\":\"Power.Active.Import\"},{\"value\":\"lots\"}]}]}");
      assertThat(r.get(0).intValue()).isEqualTo(4);
      assertThat(r.get(2).textValue()).isEqualTo("PropertyConstraintViolation");
      assertThat(r.get(3).textValue())
          .isEqualTo(
              "meter values refused: meterValue[0].sampledValue[1]: value \"lots\" is not a number");
      assertThat(cp.call("3", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
    }
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      JsonNode r =
          cp.call(
              "1",
              "MeterValues",
              "{\"evseId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T18:30:00Z\","
                  + "\"sampledValue\":[{\"value\":3,\"unitOfMeasure\":{\"unit\":\"bananas\"}}]}]}");
      assertThat(r.get(2).textValue()).isEqualTo("PropertyConstraintViolation");
      assertThat(r.get(3).textValue()).contains("unit \"bananas\" is not known");
    }
    assertThat(reports).isEmpty();
  }

  @Test
  void aBadSampleInATransactionEventIsSkippedAndCountedAndTheEventApplied() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "CP201", "ocpp2.0.1")) {
      cp.call("1", "BootNotification", BOOT201);
      JsonNode r =
          cp.call(
              "2",
              "TransactionEvent",
              event201(
                  "Started",
                  0,
                  "2026-12-01T18:00:00Z",
                  "CablePluggedIn",
                  false,
                  ",\"evse\":{\"id\":1},\"meterValue\":[{\"timestamp\":\"2026-12-01T18:00:00Z\","
                      + "\"sampledValue\":[{\"value\":8000},"
                      + "{\"value\":40,\"measurand\":\"SoC\",\"unitOfMeasure\":{\"unit\":\"Wh\"}}]}]"));
      assertThat(r.get(0).intValue()).isEqualTo(3);
    }
    Transaction t = transactions.transaction("CP201", "TX-9").orElseThrow();
    assertThat(t.meterStart()).contains(Energy.ofWattHours(8_000));
    assertThat(transactions.skippedSamples()).isEqualTo(1);
    assertThat(skipped)
        .containsExactly(
            "CP201: transaction TX-9: meterValue[0].sampledValue[1]: unit \"Wh\" does not fit SoC"
                + " (in Percent)");
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).samples())
        .extracting(Sample::measurand)
        .containsExactly(Sample.ENERGY_IMPORT_REGISTER);
  }

  @Test
  void aChargerNotAcceptedCannotStartATransaction() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "STRANGER", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      assertThat(cp.call("2", "StartTransaction", START16).get(2).textValue())
          .isEqualTo("SecurityError");
    }
    assertThat(transactions.transactions("STRANGER")).isEmpty();
  }

  @Test
  void idsComeFromTheOwnersSourceAndARestoredTransactionIsEndedAfterARestart() throws Exception {
    List<Transaction> changed = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger ids =
        new java.util.concurrent.atomic.AtomicInteger(700);
    Transactions kept =
        new Transactions(
            new InMemoryAuthorizer().with("TAG-OK", AuthStatus.ACCEPTED),
            MeterListener.none(),
            ids::getAndIncrement,
            changed::add);
    LifeCycle life =
        new LifeCycle(
            InMemoryChargerRegistry.knowing("CP16"),
            clock,
            Duration.ofSeconds(300),
            Duration.ofSeconds(60),
            kept);
    int id;
    try (OcppServer first =
            OcppServer.start(
                OcppConfig.defaults().withPort(0).withSweepEvery(Duration.ZERO),
                TestSchemas.get(),
                life,
                clock);
        TestCharger cp = TestCharger.connect(first.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      id = cp.call("2", "StartTransaction", START16).get(2).path("transactionId").intValue();
      cp.call("3", "StartTransaction", START16); // a repeat: no change told
    }
    assertThat(id).isEqualTo(700);
    assertThat(changed).singleElement().satisfies(t -> assertThat(t.open()).isTrue());

    // a central system started afresh, given the open transaction it kept
    List<Transaction> after = new CopyOnWriteArrayList<>();
    Transactions restarted =
        new Transactions(
            new InMemoryAuthorizer().with("TAG-OK", AuthStatus.ACCEPTED),
            MeterListener.none(),
            ids::getAndIncrement,
            after::add);
    restarted.restore(changed.get(0));
    LifeCycle life2 =
        new LifeCycle(
            InMemoryChargerRegistry.knowing("CP16"),
            clock,
            Duration.ofSeconds(300),
            Duration.ofSeconds(60),
            restarted);
    try (OcppServer second =
            OcppServer.start(
                OcppConfig.defaults().withPort(0).withSweepEvery(Duration.ZERO),
                TestSchemas.get(),
                life2,
                clock);
        TestCharger cp = TestCharger.connect(second.port(), "CP16", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      cp.call(
          "2",
          "StopTransaction",
          "{\"transactionId\":"
              + id
              + ",\"meterStop\":127400,\"timestamp\":\"2026-12-01T19:00:00Z\"}");
    }
    Transaction ended = restarted.transaction("CP16", Integer.toString(id)).orElseThrow();
    assertThat(ended.open()).isFalse();
    assertThat(ended.energy()).isEqualTo(Energy.ofKilowattHours(7.4));
    assertThat(after).singleElement().satisfies(t -> assertThat(t.open()).isFalse());
  }
}
