package org.openvpp.ocpp.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Schemas;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.units.Power;

class ChargingMessagesTest {
  private static final Schemas SCHEMAS = TestSchemas.get();
  private static final Instant START = Instant.parse("2026-12-01T18:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-12-01T20:00:00Z");

  private static LimitProfile profile(Purpose purpose, int evse, Optional<String> tx) {
    return new LimitProfile(
        7,
        evse,
        purpose,
        2,
        START,
        List.of(
            LimitPeriod.of(Duration.ZERO, Power.ofWatts(7_399.99)),
            new LimitPeriod(Duration.ofMinutes(30), Power.ofKilowatts(3.7), Optional.of(1))),
        UNTIL,
        tx);
  }

  private static void passesItsSchema(OcppVersion v, String action, ObjectNode payload) {
    assertThat(SCHEMAS.checkRequest(v, action, payload))
        .as(v + " " + action + " " + payload)
        .isEmpty();
  }

  @Test
  void everyPurposeIsASetChargingProfileThatPassesEachVersionsSchema() {
    List<LimitProfile> profiles =
        List.of(
            profile(Purpose.CHARGER_MAX, 0, Optional.empty()),
            profile(Purpose.TX_DEFAULT, 0, Optional.empty()),
            profile(Purpose.TX_DEFAULT, 2, Optional.empty()),
            profile(Purpose.TX, 1, Optional.of("42")));
    for (OcppVersion v : OcppVersion.values()) {
      for (LimitProfile p : profiles) {
        passesItsSchema(v, "SetChargingProfile", ChargingMessages.setChargingProfile(v, p));
      }
    }
  }

  @Test
  void a16ProfileIsWrittenUnderConnectorIdAndCsChargingProfiles() {
    JsonNode p =
        ChargingMessages.setChargingProfile(
            OcppVersion.V1_6, profile(Purpose.TX, 1, Optional.of("42")));
    assertThat(p.path("connectorId").intValue()).isEqualTo(1);
    JsonNode cp = p.path("csChargingProfiles");
    assertThat(cp.path("chargingProfileId").intValue()).isEqualTo(7);
    assertThat(cp.path("transactionId").isInt()).isTrue();
    assertThat(cp.path("transactionId").intValue()).isEqualTo(42);
    assertThat(cp.path("stackLevel").intValue()).isEqualTo(2);
    assertThat(cp.path("chargingProfilePurpose").asText()).isEqualTo("TxProfile");
    assertThat(cp.path("chargingProfileKind").asText()).isEqualTo("Absolute");
    assertThat(cp.path("validTo").asText()).isEqualTo("2026-12-01T20:00:00Z");
    JsonNode s = cp.path("chargingSchedule");
    assertThat(s.isObject()).isTrue();
    assertThat(s.path("startSchedule").asText()).isEqualTo("2026-12-01T18:00:00Z");
    assertThat(s.path("duration").intValue()).isEqualTo(7_200);
    assertThat(s.path("chargingRateUnit").asText()).isEqualTo("W");
    assertThat(s.path("chargingSchedulePeriod").toString())
        .isEqualTo(
            "[{\"startPeriod\":0,\"limit\":7399.9},"
                + "{\"startPeriod\":1800,\"limit\":3700.0,\"numberPhases\":1}]");
    assertThat(
            ChargingMessages.setChargingProfile(
                    OcppVersion.V1_6, profile(Purpose.CHARGER_MAX, 0, Optional.empty()))
                .path("csChargingProfiles")
                .path("chargingProfilePurpose")
                .asText())
        .isEqualTo("ChargePointMaxProfile");
  }

  @Test
  void a201ProfileIsWrittenUnderEvseIdWithAScheduleArray() {
    JsonNode p =
        ChargingMessages.setChargingProfile(
            OcppVersion.V2_0_1, profile(Purpose.TX, 1, Optional.of("TX-9")));
    assertThat(p.path("evseId").intValue()).isEqualTo(1);
    JsonNode cp = p.path("chargingProfile");
    assertThat(cp.path("id").intValue()).isEqualTo(7);
    assertThat(cp.path("transactionId").asText()).isEqualTo("TX-9");
    assertThat(cp.path("validTo").asText()).isEqualTo("2026-12-01T20:00:00Z");
    JsonNode schedules = cp.path("chargingSchedule");
    assertThat(schedules.isArray()).isTrue();
    assertThat(schedules.size()).isEqualTo(1);
    assertThat(schedules.get(0).path("id").intValue()).isEqualTo(7);
    assertThat(schedules.get(0).path("duration").intValue()).isEqualTo(7_200);
    assertThat(schedules.get(0).path("chargingSchedulePeriod").get(0).path("limit").doubleValue())
        .isEqualTo(7_399.9);
    assertThat(
            ChargingMessages.setChargingProfile(
                    OcppVersion.V2_0_1, profile(Purpose.CHARGER_MAX, 0, Optional.empty()))
                .path("chargingProfile")
                .path("chargingProfilePurpose")
                .asText())
        .isEqualTo("ChargingStationMaxProfile");
  }

  @Test
  void a16TransactionIdThatIsNotAnIntegerIsRefused() {
    assertThatThrownBy(
            () ->
                ChargingMessages.setChargingProfile(
                    OcppVersion.V1_6, profile(Purpose.TX, 1, Optional.of("TX-9"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("integer");
  }

  @Test
  void startAndValidToAreKeptInWholeSecondsRoundedDown() {
    LimitProfile p =
        LimitProfile.constant(
            1,
            0,
            Purpose.TX_DEFAULT,
            0,
            START.plusMillis(900),
            Power.ofKilowatts(11),
            UNTIL.plusMillis(999),
            Optional.empty());
    assertThat(p.start()).isEqualTo(START);
    assertThat(p.validTo()).isEqualTo(UNTIL);
    assertThat(p.span()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aProfileThatCouldNotLapseOrMakesNoSenseIsRefused() {
    record Case(String why, Supplier<Object> make, String message) {}
    Power p = Power.ofKilowatts(7);
    Optional<String> none = Optional.empty();
    List<LimitPeriod> manyPeriods = new ArrayList<>();
    for (int i = 0; i <= LimitProfile.MAX_PERIODS; i++) {
      manyPeriods.add(LimitPeriod.of(Duration.ofMinutes(i), p));
    }
    List<Case> cases =
        List.of(
            new Case(
                "validTo at the start",
                () -> LimitProfile.constant(1, 0, Purpose.TX_DEFAULT, 0, START, p, START, none),
                "validTo"),
            new Case(
                "validTo before the start",
                () ->
                    LimitProfile.constant(
                        1, 0, Purpose.TX_DEFAULT, 0, START, p, START.minusSeconds(1), none),
                "validTo"),
            new Case(
                "validTo before the last period starts",
                () ->
                    new LimitProfile(
                        1,
                        0,
                        Purpose.TX_DEFAULT,
                        0,
                        START,
                        List.of(
                            LimitPeriod.of(Duration.ZERO, p),
                            LimitPeriod.of(Duration.ofHours(3), p)),
                        UNTIL,
                        none),
                "never apply"),
            new Case(
                "no period",
                () -> new LimitProfile(1, 0, Purpose.TX_DEFAULT, 0, START, List.of(), UNTIL, none),
                "1 to 1024 periods"),
            new Case(
                "too many periods",
                () ->
                    new LimitProfile(
                        1,
                        0,
                        Purpose.TX_DEFAULT,
                        0,
                        START,
                        manyPeriods,
                        START.plusSeconds(86_400),
                        none),
                "1 to 1024 periods"),
            new Case(
                "first period not at 0",
                () ->
                    new LimitProfile(
                        1,
                        0,
                        Purpose.TX_DEFAULT,
                        0,
                        START,
                        List.of(LimitPeriod.of(Duration.ofMinutes(1), p)),
                        UNTIL,
                        none),
                "offset 0"),
            new Case(
                "offsets not increasing",
                () ->
                    new LimitProfile(
                        1,
                        0,
                        Purpose.TX_DEFAULT,
                        0,
                        START,
                        List.of(
                            LimitPeriod.of(Duration.ZERO, p),
                            LimitPeriod.of(Duration.ofMinutes(5), p),
                            LimitPeriod.of(Duration.ofMinutes(5), p)),
                        UNTIL,
                        none),
                "increase"),
            new Case(
                "the charger's maximum on an EVSE",
                () -> LimitProfile.constant(1, 1, Purpose.CHARGER_MAX, 0, START, p, UNTIL, none),
                "EVSE 0"),
            new Case(
                "a transaction's profile without its transaction",
                () -> LimitProfile.constant(1, 1, Purpose.TX, 0, START, p, UNTIL, none),
                "names its transaction"),
            new Case(
                "a transaction's profile on EVSE 0",
                () ->
                    LimitProfile.constant(1, 0, Purpose.TX, 0, START, p, UNTIL, Optional.of("42")),
                "names its transaction"),
            new Case(
                "a default profile naming a transaction",
                () ->
                    LimitProfile.constant(
                        1, 1, Purpose.TX_DEFAULT, 0, START, p, UNTIL, Optional.of("42")),
                "only a transaction's profile"),
            new Case(
                "external constraints",
                () ->
                    LimitProfile.constant(
                        1, 0, Purpose.EXTERNAL_CONSTRAINTS, 0, START, p, UNTIL, none),
                "external constraints"),
            new Case(
                "a negative stack level",
                () -> LimitProfile.constant(1, 0, Purpose.TX_DEFAULT, -1, START, p, UNTIL, none),
                "stack level"),
            new Case(
                "id 0",
                () -> LimitProfile.constant(0, 0, Purpose.TX_DEFAULT, 0, START, p, UNTIL, none),
                "positive"),
            new Case(
                "a negative limit",
                () -> LimitPeriod.of(Duration.ZERO, Power.ofWatts(-1)),
                "not negative"),
            new Case(
                "four phases",
                () -> new LimitPeriod(Duration.ZERO, p, Optional.of(4)),
                "1 to 3 phases"),
            new Case(
                "an offset of half a second",
                () -> LimitPeriod.of(Duration.ofMillis(500), p),
                "whole seconds"));
    for (Case c : cases) {
      assertThatThrownBy(c.make()::get)
          .as(c.why())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c.message());
    }
  }

  @Test
  void clearingByIdOrByCriteriaPassesEachVersionsSchema() {
    ProfileFilter byId = ProfileFilter.byId(7);
    ProfileFilter matching = ProfileFilter.matching(1, Purpose.TX_DEFAULT, 2);
    for (OcppVersion v : OcppVersion.values()) {
      passesItsSchema(v, "ClearChargingProfile", ChargingMessages.clearChargingProfile(v, byId));
      passesItsSchema(
          v, "ClearChargingProfile", ChargingMessages.clearChargingProfile(v, matching));
    }
    assertThat(ChargingMessages.clearChargingProfile(OcppVersion.V1_6, byId).toString())
        .isEqualTo("{\"id\":7}");
    assertThat(ChargingMessages.clearChargingProfile(OcppVersion.V1_6, matching).toString())
        .isEqualTo(
            "{\"connectorId\":1,\"chargingProfilePurpose\":\"TxDefaultProfile\",\"stackLevel\":2}");
    assertThat(ChargingMessages.clearChargingProfile(OcppVersion.V2_0_1, byId).toString())
        .isEqualTo("{\"chargingProfileId\":7}");
    assertThat(ChargingMessages.clearChargingProfile(OcppVersion.V2_0_1, matching).toString())
        .isEqualTo(
            "{\"chargingProfileCriteria\":{\"evseId\":1,"
                + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"stackLevel\":2}}");
  }

  @Test
  void aFilterThatWouldClearEverythingOrTheChargersOwnIsRefused() {
    assertThatThrownBy(
            () ->
                new ProfileFilter(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every profile");
    assertThatThrownBy(() -> ProfileFilter.matching(0, Purpose.EXTERNAL_CONSTRAINTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("external constraints");
  }

  @Test
  void getCompositeSchedulePassesEachVersionsSchemaAndAsksInWatts() {
    for (OcppVersion v : OcppVersion.values()) {
      ObjectNode p = ChargingMessages.getCompositeSchedule(v, 1, Duration.ofHours(1));
      passesItsSchema(v, "GetCompositeSchedule", p);
      assertThat(p.path("duration").intValue()).isEqualTo(3_600);
      assertThat(p.path("chargingRateUnit").asText()).isEqualTo("W");
    }
    assertThat(
            ChargingMessages.getCompositeSchedule(OcppVersion.V1_6, 1, Duration.ofHours(1))
                .path("connectorId")
                .intValue())
        .isEqualTo(1);
    assertThat(
            ChargingMessages.getCompositeSchedule(OcppVersion.V2_0_1, 0, Duration.ofHours(1))
                .path("evseId")
                .intValue())
        .isZero();
    assertThatThrownBy(
            () -> ChargingMessages.getCompositeSchedule(OcppVersion.V1_6, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ChargingMessages.getCompositeSchedule(OcppVersion.V1_6, -1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void getChargingProfilesPassesThe201Schema() {
    ObjectNode all = ChargingMessages.getChargingProfiles(5, Optional.empty());
    ObjectNode one = ChargingMessages.getChargingProfiles(6, Optional.of(1));
    passesItsSchema(OcppVersion.V2_0_1, "GetChargingProfiles", all);
    passesItsSchema(OcppVersion.V2_0_1, "GetChargingProfiles", one);
    assertThat(all.toString()).isEqualTo("{\"requestId\":5,\"chargingProfile\":{}}");
    assertThat(one.path("evseId").intValue()).isEqualTo(1);
  }

  @Test
  void purposesHaveEachVersionsNamesBothWays() {
    for (OcppVersion v : OcppVersion.values()) {
      for (Purpose p : List.of(Purpose.CHARGER_MAX, Purpose.TX_DEFAULT, Purpose.TX)) {
        assertThat(Purpose.ofWire(v, p.wire(v))).contains(p);
      }
    }
    assertThat(Purpose.ofWire(OcppVersion.V2_0_1, "ChargingStationExternalConstraints"))
        .contains(Purpose.EXTERNAL_CONSTRAINTS);
    assertThat(Purpose.ofWire(OcppVersion.V1_6, "ChargingStationMaxProfile")).isEmpty();
    assertThatThrownBy(() -> Purpose.EXTERNAL_CONSTRAINTS.wire(OcppVersion.V1_6))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
