package org.openvpp.ocpp.charger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestCharger;
import org.openvpp.ocpp.server.TestClock;

class LifeCycleTest {
  private static final String BOOT16 =
      "{\"chargePointVendor\":\"Acme\",\"chargePointModel\":\"Wall 11\","
          + "\"chargePointSerialNumber\":\"SN1\",\"firmwareVersion\":\"1.2\"}";
  private static final String BOOT201 =
      "{\"reason\":\"PowerUp\",\"chargingStation\":{\"vendorName\":\"Acme\",\"model\":\"Wall 22\"}}";

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final InMemoryChargerRegistry registry = InMemoryChargerRegistry.knowing("KNOWN");
  private final LifeCycle life =
      new LifeCycle(registry, clock, Duration.ofSeconds(300), Duration.ofSeconds(60));
  private OcppServer server;

  @BeforeEach
  void start() {
    registry.refuse("BANNED");
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

  @Test
  void aKnownChargerIsAcceptedInBothVersions() throws Exception {
    try (TestCharger a = TestCharger.connect(server.port(), "KNOWN", "ocpp1.6")) {
      JsonNode r = a.call("1", "BootNotification", BOOT16).get(2);
      assertThat(r.path("status").asText()).isEqualTo("Accepted");
      assertThat(r.path("interval").asInt()).isEqualTo(300);
      assertThat(r.path("currentTime").asText()).isEqualTo("2026-12-01T08:00:00Z");
    }
    try (TestCharger b = TestCharger.connect(server.port(), "KNOWN", "ocpp2.0.1")) {
      JsonNode r = b.call("1", "BootNotification", BOOT201).get(2);
      assertThat(r.path("status").asText()).isEqualTo("Accepted");
    }
    ChargerState s = life.charger("KNOWN").orElseThrow();
    assertThat(s.accepted()).isTrue();
    assertThat(s.version()).isEqualTo(OcppVersion.V2_0_1);
    assertThat(s.boot().orElseThrow().model()).isEqualTo("Wall 22");
  }

  @Test
  void anUnknownChargerIsPendingUntilAnOperatorApprovesIt() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "NEW-1", "ocpp1.6")) {
      JsonNode r = cp.call("1", "BootNotification", BOOT16).get(2);
      assertThat(r.path("status").asText()).isEqualTo("Pending");
      assertThat(r.path("interval").asInt()).isEqualTo(60);
      assertThat(registry.awaiting()).containsKey("NEW-1");
      assertThat(Objects.requireNonNull(registry.awaiting().get("NEW-1")).serialNumber())
          .contains("SN1");
      // pending: heartbeats yes, anything else is a security error
      assertThat(cp.call("2", "Heartbeat", "{}").get(0).intValue()).isEqualTo(3);
      JsonNode refused =
          cp.call(
              "3",
              "StatusNotification",
              "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}");
      assertThat(refused.get(2).textValue()).isEqualTo("SecurityError");
      registry.approve("NEW-1");
      assertThat(cp.call("4", "BootNotification", BOOT16).get(2).path("status").asText())
          .isEqualTo("Accepted");
    }
  }

  @Test
  void aRefusedChargerIsRejected() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "BANNED", "ocpp2.0.1")) {
      JsonNode r = cp.call("1", "BootNotification", BOOT201).get(2);
      assertThat(r.path("status").asText()).isEqualTo("Rejected");
      assertThat(life.charger("BANNED").orElseThrow().admission()).contains(Admission.REJECTED);
    }
  }

  @Test
  void aHeartbeatAnswersTheClocksTime() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "KNOWN", "ocpp2.0.1")) {
      clock.advance(Duration.ofMinutes(90).plusMillis(250));
      JsonNode r = cp.call("1", "Heartbeat", "{}");
      assertThat(r.get(2).path("currentTime").asText()).isEqualTo("2026-12-01T09:30:00.250Z");
      assertThat(life.charger("KNOWN").orElseThrow().lastSeen())
          .isEqualTo(Instant.parse("2026-12-01T09:30:00.250Z"));
    }
  }

  @Test
  void statusIsKeptPerConnectorInBothVersions() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "KNOWN", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      assertThat(
              cp.call(
                      "2",
                      "StatusNotification",
                      "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Charging\","
                          + "\"timestamp\":\"2026-12-01T07:59:00+01:00\"}")
                  .get(0)
                  .intValue())
          .isEqualTo(3);
      cp.call(
          "3",
          "StatusNotification",
          "{\"connectorId\":2,\"errorCode\":\"GroundFailure\",\"status\":\"Faulted\"}");
      cp.call(
          "4",
          "StatusNotification",
          "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"SuspendedEV\"}");
    }
    ChargerState s = life.charger("KNOWN").orElseThrow();
    assertThat(s.connectors()).hasSize(2);
    ConnectorStatus one = Objects.requireNonNull(s.connectors().get(new ConnectorRef(1, 1)));
    assertThat(one.status()).isEqualTo("SuspendedEV");
    ConnectorStatus two = Objects.requireNonNull(s.connectors().get(new ConnectorRef(2, 2)));
    assertThat(two.errorCode()).contains("GroundFailure");
    assertThat(two.timestamp()).isEqualTo(clock.instant());

    try (TestCharger cp = TestCharger.connect(server.port(), "KNOWN", "ocpp2.0.1")) {
      cp.call(
          "1",
          "StatusNotification",
          "{\"timestamp\":\"2026-12-01T07:00:00Z\",\"connectorStatus\":\"Occupied\","
              + "\"evseId\":2,\"connectorId\":1}");
    }
    ConnectorStatus evse2 =
        Objects.requireNonNull(
            life.charger("KNOWN").orElseThrow().connectors().get(new ConnectorRef(2, 1)));
    assertThat(evse2.status()).isEqualTo("Occupied");
    assertThat(evse2.errorCode()).isEqualTo(Optional.empty());
    assertThat(evse2.timestamp()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
  }

  @Test
  void everythingElseIsNotImplementedYet() throws Exception {
    try (TestCharger cp = TestCharger.connect(server.port(), "KNOWN", "ocpp1.6")) {
      cp.call("1", "BootNotification", BOOT16);
      JsonNode r = cp.call("2", "Authorize", "{\"idTag\":\"TAG1\"}");
      assertThat(r.get(0).intValue()).isEqualTo(4);
      assertThat(r.get(2).textValue()).isEqualTo("NotImplemented");
    }
  }
}
