package org.openvpp.ocpp.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemasTest {
  private final Schemas schemas = TestSchemas.get();

  @Test
  void bothVersionsLoadWithTheirActions() {
    assertThat(schemas.actions(OcppVersion.V1_6))
        .contains("BootNotification", "Heartbeat", "StatusNotification", "SetChargingProfile")
        .doesNotContain("BootNotificationResponse", "TransactionEvent");
    assertThat(schemas.actions(OcppVersion.V2_0_1))
        .contains("BootNotification", "TransactionEvent", "NotifyEVChargingNeeds")
        .doesNotContain("StartTransaction");
    assertThat(schemas.actions(OcppVersion.V2_0_1)).hasSize(64);
  }

  @Test
  void aValidRequestPasses() {
    assertThat(
            schemas.checkRequest(
                OcppVersion.V1_6,
                "BootNotification",
                Frames.object("{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}")))
        .isEmpty();
  }

  @Test
  void violationsAreClassifiedByTheKeywordBroken() {
    record Case(OcppVersion v, String action, String payload, Problem problem) {}
    var cases =
        new Case[] {
          new Case(
              OcppVersion.V1_6,
              "BootNotification",
              "{\"chargePointVendor\":\"V\"}",
              Problem.OCCURRENCE),
          new Case(
              OcppVersion.V1_6,
              "BootNotification",
              "{\"chargePointVendor\":1,\"chargePointModel\":\"M\"}",
              Problem.WRONG_TYPE),
          new Case(
              OcppVersion.V1_6,
              "BootNotification",
              "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\",\"x\":1}",
              Problem.UNKNOWN_FIELD),
          new Case(
              OcppVersion.V1_6,
              "BootNotification",
              "{\"chargePointVendor\":\"" + "v".repeat(51) + "\",\"chargePointModel\":\"M\"}",
              Problem.BAD_VALUE),
          new Case(
              OcppVersion.V1_6,
              "StatusNotification",
              "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}",
              Problem.BAD_VALUE),
          new Case(
              OcppVersion.V2_0_1,
              "StatusNotification",
              "{\"timestamp\":\"yesterday\",\"connectorStatus\":\"Available\",\"evseId\":1,"
                  + "\"connectorId\":1}",
              Problem.BAD_VALUE),
          new Case(
              OcppVersion.V2_0_1,
              "BootNotification",
              "{\"reason\":\"PowerUp\"}",
              Problem.OCCURRENCE),
        };
    for (Case c : cases) {
      var v = schemas.checkRequest(c.v(), c.action(), Frames.object(c.payload()));
      assertThat(v).as(c.payload()).isPresent();
      assertThat(v.get().problem()).as(c.payload()).isEqualTo(c.problem());
    }
  }

  @Test
  void anUnknownActionIsTheCallersFault() {
    assertThat(schemas.knows(OcppVersion.V1_6, "Launch")).isFalse();
    assertThatThrownBy(() -> schemas.checkRequest(OcppVersion.V1_6, "Launch", Frames.object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Launch");
  }

  @Test
  void aMissingFolderSaysWhich() {
    assertThatThrownBy(() -> Schemas.load(Path.of("no-such-folder")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-folder");
  }
}
