package org.openvpp.ocpp.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Schemas;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.CallOutcome;

/** Each operation written for each version passes its schema; what a version lacks is refused. */
class OperationMessagesTest {
  private static final Schemas SCHEMAS = TestSchemas.get();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OcppVersion V16 = OcppVersion.V1_6;
  private static final OcppVersion V201 = OcppVersion.V2_0_1;

  private static JsonNode written(OcppVersion v, Operation op) {
    ObjectNode p = OperationMessages.payload(v, op, 7);
    String action = OperationMessages.action(v, op);
    assertThat(SCHEMAS.checkRequest(v, action, p)).as("%s %s %s", v, action, p).isEmpty();
    return p;
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void everyOperationOfEachVersionPassesItsRequestSchema() {
    Map<OcppVersion, List<Operation>> ops =
        Map.of(
            V16,
            List.of(
                new RemoteStart("TAG-1", Optional.of(1)),
                new RemoteStart("TAG-1", Optional.empty()),
                new RemoteStop("42"),
                new ChangeAvailability(Optional.empty(), Availability.INOPERATIVE),
                new ChangeAvailability(Optional.of(2), Availability.OPERATIVE),
                new Reset(ResetType.HARD, Optional.empty()),
                new Reset(ResetType.SOFT, Optional.empty()),
                new TriggerMessage(Trigger.STATUS_NOTIFICATION, Optional.of(1)),
                new TriggerMessage(Trigger.DIAGNOSTICS_STATUS_NOTIFICATION, Optional.empty()),
                new ReadSettings(List.of()),
                new ReadSettings(List.of(Setting.key("HeartbeatInterval"))),
                new ChangeSetting(Setting.key("HeartbeatInterval"), "300")),
            V201,
            List.of(
                new RemoteStart("TAG-1", Optional.of(1)),
                new RemoteStart("a-token-of-thirty-six-characters-xyz", Optional.empty()),
                new RemoteStop("TX-9"),
                new ChangeAvailability(Optional.empty(), Availability.INOPERATIVE),
                new ChangeAvailability(Optional.of(2), Availability.OPERATIVE),
                new Reset(ResetType.IMMEDIATE, Optional.empty()),
                new Reset(ResetType.ON_IDLE, Optional.of(1)),
                new TriggerMessage(Trigger.TRANSACTION_EVENT, Optional.of(1)),
                new TriggerMessage(Trigger.HEARTBEAT, Optional.empty()),
                new ReadSettings(
                    List.of(
                        Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"),
                        Setting.variable("SecurityCtrlr", "SecurityProfile"))),
                new ChangeSetting(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"), "300")));
    ops.forEach((v, list) -> list.forEach(op -> written(v, op)));
  }

  @Test
  void eachOperationHasItsVersionsAction() {
    assertThat(OperationMessages.action(V16, new RemoteStop("1")))
        .isEqualTo("RemoteStopTransaction");
    assertThat(OperationMessages.action(V201, new RemoteStop("1")))
        .isEqualTo("RequestStopTransaction");
    assertThat(OperationMessages.action(V16, new ReadSettings(List.of())))
        .isEqualTo("GetConfiguration");
    assertThat(OperationMessages.action(V201, new ReadSettings(List.of())))
        .isEqualTo("GetVariables");
    ChangeSetting c = new ChangeSetting(Setting.key("K"), "v");
    assertThat(OperationMessages.action(V16, c)).isEqualTo("ChangeConfiguration");
    assertThat(OperationMessages.action(V201, c)).isEqualTo("SetVariables");
    assertThat(OperationMessages.action(V16, new RemoteStart("T", Optional.empty())))
        .isEqualTo("RemoteStartTransaction");
    assertThat(OperationMessages.action(V201, new RemoteStart("T", Optional.empty())))
        .isEqualTo("RequestStartTransaction");
  }

  @Test
  void a16PayloadNamesConnectorsAndKeys() {
    assertThat(written(V16, new RemoteStart("TAG-1", Optional.of(2))).toString())
        .isEqualTo("{\"idTag\":\"TAG-1\",\"connectorId\":2}");
    assertThat(written(V16, new RemoteStop("42")).toString()).isEqualTo("{\"transactionId\":42}");
    assertThat(
            written(V16, new ChangeAvailability(Optional.empty(), Availability.INOPERATIVE))
                .toString())
        .isEqualTo("{\"connectorId\":0,\"type\":\"Inoperative\"}");
    assertThat(written(V16, new Reset(ResetType.SOFT, Optional.empty())).toString())
        .isEqualTo("{\"type\":\"Soft\"}");
    assertThat(written(V16, new TriggerMessage(Trigger.METER_VALUES, Optional.of(1))).toString())
        .isEqualTo("{\"requestedMessage\":\"MeterValues\",\"connectorId\":1}");
    assertThat(written(V16, new ReadSettings(List.of())).toString()).isEqualTo("{}");
    assertThat(
            written(V16, new ReadSettings(List.of(Setting.key("A"), Setting.key("B")))).toString())
        .isEqualTo("{\"key\":[\"A\",\"B\"]}");
    assertThat(written(V16, new ChangeSetting(Setting.key("MeterValueSampleInterval"), "60")))
        .hasToString("{\"key\":\"MeterValueSampleInterval\",\"value\":\"60\"}");
  }

  @Test
  void a201PayloadNamesEvsesComponentsAndARemoteStartId() {
    assertThat(written(V201, new RemoteStart("TAG-1", Optional.of(2))).toString())
        .isEqualTo(
            "{\"evseId\":2,\"remoteStartId\":7,"
                + "\"idToken\":{\"idToken\":\"TAG-1\",\"type\":\"Central\"}}");
    assertThat(written(V201, new RemoteStop("TX-9")).toString())
        .isEqualTo("{\"transactionId\":\"TX-9\"}");
    assertThat(written(V201, new ChangeAvailability(Optional.of(0), Availability.OPERATIVE)))
        .hasToString("{\"operationalStatus\":\"Operative\"}");
    assertThat(written(V201, new ChangeAvailability(Optional.of(1), Availability.INOPERATIVE)))
        .hasToString("{\"evse\":{\"id\":1},\"operationalStatus\":\"Inoperative\"}");
    assertThat(written(V201, new Reset(ResetType.ON_IDLE, Optional.of(1))))
        .hasToString("{\"type\":\"OnIdle\",\"evseId\":1}");
    assertThat(written(V201, new TriggerMessage(Trigger.STATUS_NOTIFICATION, Optional.of(1))))
        .hasToString("{\"requestedMessage\":\"StatusNotification\",\"evse\":{\"id\":1}}");
    assertThat(
            written(
                V201,
                new ReadSettings(List.of(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval")))))
        .hasToString(
            "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}");
    assertThat(
            written(
                V201,
                new ChangeSetting(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"), "300")))
        .hasToString(
            "{\"setVariableData\":[{\"attributeValue\":\"300\","
                + "\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}");
  }

  @Test
  void whatAVersionDoesNotHaveIsRefusedSayingWhatItTakes() {
    record Case(OcppVersion v, Operation op, String message) {}
    List<Case> cases =
        List.of(
            new Case(V16, new Reset(ResetType.ON_IDLE, Optional.empty()), "Hard or Soft"),
            new Case(V16, new Reset(ResetType.HARD, Optional.of(1)), "as a whole"),
            new Case(V201, new Reset(ResetType.SOFT, Optional.empty()), "Immediate or OnIdle"),
            new Case(
                V16, new TriggerMessage(Trigger.TRANSACTION_EVENT, Optional.empty()), "asks for"),
            new Case(
                V201,
                new TriggerMessage(Trigger.DIAGNOSTICS_STATUS_NOTIFICATION, Optional.empty()),
                "LogStatusNotification"),
            new Case(V16, new RemoteStop("TX-9"), "integer"),
            new Case(V16, new RemoteStart("a-token-longer-than-20", Optional.empty()), "20"),
            new Case(V201, new ReadSettings(List.of()), "at least one"),
            new Case(
                V201, new ReadSettings(List.of(Setting.key("HeartbeatInterval"))), "component"),
            new Case(
                V16,
                new ReadSettings(List.of(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"))),
                "no component"),
            new Case(V201, new ChangeSetting(Setting.key("HeartbeatInterval"), "1"), "component"),
            new Case(V16, new ChangeSetting(Setting.key("K"), "x".repeat(501)), "500"));
    for (Case c : cases) {
      assertThatThrownBy(() -> OperationMessages.payload(c.v(), c.op(), 1))
          .as("%s %s", c.v(), c.op())
          .isInstanceOf(NotInVersion.class)
          .hasMessageContaining(c.message())
          .satisfies(e -> assertThat(((NotInVersion) e).version()).isEqualTo(c.v()));
    }
  }

  @Test
  void requestsThatMakeNoSenseInAnyVersionAreRefused() {
    assertThatThrownBy(() -> new RemoteStart(" ", Optional.empty()))
        .hasMessageContaining("idToken");
    assertThatThrownBy(() -> new RemoteStart("T", Optional.of(0))).hasMessageContaining("positive");
    assertThatThrownBy(() -> new ChangeAvailability(Optional.of(-1), Availability.OPERATIVE))
        .hasMessageContaining("0 (the charger)");
    assertThatThrownBy(() -> Setting.key("x".repeat(51))).hasMessageContaining("1 to 50");
    assertThatThrownBy(() -> Setting.variable("", "HeartbeatInterval"))
        .hasMessageContaining("component");
  }

  @Test
  void answersAreReadWithTheChargersStatusAndReason() throws Exception {
    OperationOutcome o =
        OperationMessages.read(
            V201,
            new Reset(ResetType.IMMEDIATE, Optional.empty()),
            new CallOutcome.Answered(
                (ObjectNode)
                    json(
                        "{\"status\":\"Rejected\",\"statusInfo\":{\"reasonCode\":\"TxInProgress\","
                            + "\"additionalInfo\":\"a car charges\"}}")));
    assertThat(o).isInstanceOf(OperationOutcome.Answered.class);
    OperationOutcome.Answered a = (OperationOutcome.Answered) o;
    assertThat(a.status()).isEqualTo("Rejected");
    assertThat(a.accepted()).isFalse();
    assertThat(a.reason()).contains("TxInProgress: a car charges");
    assertThat(o.summary()).isEqualTo("Rejected (TxInProgress: a car charges)");

    OperationOutcome.Answered scheduled =
        (OperationOutcome.Answered)
            OperationMessages.read(
                V16,
                new ChangeAvailability(Optional.empty(), Availability.INOPERATIVE),
                new CallOutcome.Answered((ObjectNode) json("{\"status\":\"Scheduled\"}")));
    assertThat(scheduled.accepted()).isTrue();

    OperationOutcome.Answered started =
        (OperationOutcome.Answered)
            OperationMessages.read(
                V201,
                new RemoteStart("T", Optional.empty()),
                new CallOutcome.Answered(
                    (ObjectNode) json("{\"status\":\"Accepted\",\"transactionId\":\"TX-1\"}")));
    assertThat(started.transactionId()).contains("TX-1");

    assertThat(
            OperationMessages.read(V16, new RemoteStop("1"), new CallOutcome.TimedOut()).summary())
        .isEqualTo("no answer in time");
    assertThat(
            OperationMessages.read(
                V16, new RemoteStop("1"), new CallOutcome.Refused("NotImplemented", "no")))
        .isEqualTo(new OperationOutcome.Refused("NotImplemented", "no"));
    assertThat(OperationMessages.read(V16, new RemoteStop("1"), new CallOutcome.Closed()))
        .isEqualTo(new OperationOutcome.Closed());
  }

  @Test
  void settingsReadBackHaveTheirValuesButNeverAPasswords() throws Exception {
    OperationOutcome.Answered v16 =
        (OperationOutcome.Answered)
            OperationMessages.read(
                V16,
                new ReadSettings(List.of()),
                new CallOutcome.Answered(
                    (ObjectNode)
                        json(
                            "{\"configurationKey\":[{\"key\":\"HeartbeatInterval\","
                                + "\"readonly\":false,\"value\":\"300\"},"
                                + "{\"key\":\"AuthorizationKey\",\"readonly\":false,"
                                + "\"value\":\"0011aabb\"}],\"unknownKey\":[\"Nope\"]}")));
    assertThat(v16.settings()).hasSize(3);
    assertThat(v16.settings().get(0).value()).contains("300");
    assertThat(v16.settings().get(0).readOnly()).contains(false);
    assertThat(v16.settings().get(1).value()).isEmpty();
    assertThat(v16.settings().get(1).reason().orElseThrow()).contains("password");
    assertThat(v16.settings().get(2).status()).isEqualTo("UnknownKey");
    assertThat(v16.toString()).doesNotContain("0011aabb");

    OperationOutcome.Answered v201 =
        (OperationOutcome.Answered)
            OperationMessages.read(
                V201,
                new ReadSettings(List.of(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"))),
                new CallOutcome.Answered(
                    (ObjectNode)
                        json(
                            "{\"getVariableResult\":[{\"attributeStatus\":\"Accepted\","
                                + "\"attributeValue\":\"300\","
                                + "\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                                + "\"variable\":{\"name\":\"HeartbeatInterval\"}},"
                                + "{\"attributeStatus\":\"UnknownVariable\","
                                + "\"component\":{\"name\":\"X\"},\"variable\":{\"name\":\"Y\"}},"
                                + "{\"attributeStatus\":\"Accepted\",\"attributeValue\":\"pw\","
                                + "\"component\":{\"name\":\"SecurityCtrlr\"},"
                                + "\"variable\":{\"name\":\"BasicAuthPassword\"}}]}")));
    assertThat(v201.settings().get(0).setting())
        .isEqualTo(Setting.variable("OCPPCommCtrlr", "HeartbeatInterval"));
    assertThat(v201.settings().get(0).value()).contains("300");
    assertThat(v201.settings().get(1).status()).isEqualTo("UnknownVariable");
    assertThat(v201.settings().get(2).value()).isEmpty();
  }

  @Test
  void aSecretSettingsValueIsInNoDescription() {
    ChangeSetting c = new ChangeSetting(Setting.key("AuthorizationKey"), "00112233445566778899");
    assertThat(c.setting().secret()).isTrue();
    assertThat(Setting.variable("SecurityCtrlr", "basicauthpassword").secret()).isTrue();
    assertThat(Setting.key("HeartbeatInterval").secret()).isFalse();
    assertThat(c.describe()).doesNotContain("0011").contains("withheld");
    assertThat(c.toString()).doesNotContain("0011");
  }
}
