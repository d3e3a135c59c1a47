package org.openvpp.service.chargers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.chargetime.ocpp.ClientEvents;
import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.feature.profile.ClientRemoteTriggerProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.core.AvailabilityStatus;
import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityRequest;
import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ConfigurationStatus;
import eu.chargetime.ocpp.model.core.GetConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.GetConfigurationRequest;
import eu.chargetime.ocpp.model.core.KeyValueType;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.RemoteStartStopStatus;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionRequest;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionRequest;
import eu.chargetime.ocpp.model.core.ResetConfirmation;
import eu.chargetime.ocpp.model.core.ResetRequest;
import eu.chargetime.ocpp.model.core.ResetStatus;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.remotetrigger.TriggerMessageConfirmation;
import eu.chargetime.ocpp.model.remotetrigger.TriggerMessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.ocpp.operations.Operation;
import org.openvpp.ocpp.operations.Operation.Availability;
import org.openvpp.ocpp.operations.Operation.ResetType;
import org.openvpp.ocpp.operations.Operation.Trigger;
import org.openvpp.ocpp.operations.OperationOutcome;
import org.openvpp.ocpp.operations.Operations;
import org.openvpp.ocpp.operations.Setting;
import org.openvpp.service.Records;
import org.openvpp.service.Service;
import org.openvpp.service.chargers.ChargerOperations.Refusal;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.testing.TestEdge;
import org.openvpp.units.Power;

/**
 * An operator's operations on a charge point we did not write (ChargeTime's 1.6J client) through
 * the service's central system: each operation reaches it and its answer comes back; a charger that
 * is unknown or not connected, an operation its version lacks and a password change are refused
 * before anything is sent.
 */
class ChargerOperationsTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final Instant T0 = LocalDate.of(2019, 8, 12).atStartOfDay(LA).toInstant();
  private static final String CHARGER = "EVSE-1";
  private static final long WAIT = 10;

  private final TestEdge edge = new TestEdge();
  private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
  private Service service;
  private CentralSystem ocpp;
  private JSONClient client;

  @BeforeEach
  void start() throws Exception {
    CentralSystem.Factory f =
        CentralSystem.around(
            edge.factory(),
            OcppSettings.open(0, OcppSettings.defaultSchemas()),
            Records.inMemory().state(),
            Records.inMemory().telemetryHistory(),
            1_000);
    service =
        Service.assemble(
                new Service.Parts(
                    ServiceClock.following(T0, LA),
                    Tuning.defaults(),
                    Records.inMemory(),
                    DayAheadPrices.none(LA),
                    Map.of(),
                    Optional.empty(),
                    List.of(),
                    Duration.ofHours(1),
                    Duration.ofHours(1)),
                f)
            .start();
    ocpp = f.opened().orElseThrow();
    Register r = service.register();
    var customer = r.addCustomer(Optional.empty(), "Home 1");
    var site = r.addSite(Optional.empty(), customer.id(), "m-1", "fontana", "feeder-1");
    r.linkDevice(site.id(), DeviceId.of(CHARGER), DeviceKind.EV_CHARGER, Power.ofKilowatts(7.4));
    edge.step(T0);
    client = connect(CHARGER);
  }

  @AfterEach
  void stop() {
    client.disconnect();
    service.close();
  }

  /** A ChargeTime charge point answering the central system's operations, each request kept. */
  private JSONClient connect(String identity) throws Exception {
    ClientCoreProfile core = new ClientCoreProfile(new Answers());
    JSONClient c = new JSONClient(core, identity);
    c.addFeatureProfile(
        new ClientRemoteTriggerProfile(
            request -> {
              received.add(request);
              return new TriggerMessageConfirmation(TriggerMessageStatus.Accepted);
            }));
    CountDownLatch opened = new CountDownLatch(1);
    c.connect(
        "ws://127.0.0.1:" + ocpp.port() + "/ocpp",
        new ClientEvents() {
          @Override
          public void connectionOpened() {
            opened.countDown();
          }

          @Override
          public void connectionClosed() {}
        });
    assertThat(opened.await(WAIT, TimeUnit.SECONDS)).as("connected").isTrue();
    BootNotificationConfirmation boot =
        send(
            c,
            core.createBootNotificationRequest("ChargeTime", "Interop"),
            BootNotificationConfirmation.class);
    assertThat(boot.getStatus()).isEqualTo(RegistrationStatus.Accepted);
    return c;
  }

  private static <T extends Confirmation> T send(JSONClient c, Request r, Class<T> answer)
      throws Exception {
    return answer.cast(c.send(r).toCompletableFuture().get(WAIT, TimeUnit.SECONDS));
  }

  private final class Answers extends ChargeTimeChargePoint.NotAnswered {
    @Override
    public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(
        ChangeAvailabilityRequest request) {
      received.add(request);
      return new ChangeAvailabilityConfirmation(AvailabilityStatus.Scheduled);
    }

    @Override
    public GetConfigurationConfirmation handleGetConfigurationRequest(
        GetConfigurationRequest request) {
      received.add(request);
      GetConfigurationConfirmation c = new GetConfigurationConfirmation();
      KeyValueType k = new KeyValueType("HeartbeatInterval", false);
      k.setValue("300");
      c.setConfigurationKey(new KeyValueType[] {k});
      c.setUnknownKey(new String[] {"Nope"});
      return c;
    }

    @Override
    public ChangeConfigurationConfirmation handleChangeConfigurationRequest(
        ChangeConfigurationRequest request) {
      received.add(request);
      return new ChangeConfigurationConfirmation(ConfigurationStatus.Accepted);
    }

    @Override
    public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(
        RemoteStartTransactionRequest request) {
      received.add(request);
      return new RemoteStartTransactionConfirmation(RemoteStartStopStatus.Accepted);
    }

    @Override
    public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(
        RemoteStopTransactionRequest request) {
      received.add(request);
      return new RemoteStopTransactionConfirmation(RemoteStartStopStatus.Rejected);
    }

    @Override
    public ResetConfirmation handleResetRequest(ResetRequest request) {
      received.add(request);
      return new ResetConfirmation(ResetStatus.Accepted);
    }
  }

  private OperationOutcome.Answered done(Operation op) throws Exception {
    Operations.Result r = ocpp.operations().send(CHARGER, op).get(WAIT, TimeUnit.SECONDS);
    assertThat(r.outcome()).as("%s", op).isInstanceOf(OperationOutcome.Answered.class);
    return (OperationOutcome.Answered) r.outcome();
  }

  @Test
  void eachOperationReachesTheChargerAndItsAnswerComesBack() throws Exception {
    assertThat(done(new Operation.RemoteStart("TAG-1", Optional.of(1))).accepted()).isTrue();
    RemoteStartTransactionRequest start =
        (RemoteStartTransactionRequest) received.poll(WAIT, TimeUnit.SECONDS);
    assertThat(start.getIdTag()).isEqualTo("TAG-1");
    assertThat(start.getConnectorId()).isEqualTo(1);

    assertThat(done(new Operation.RemoteStop("17")).status()).isEqualTo("Rejected");
    assertThat(((RemoteStopTransactionRequest) received.take()).getTransactionId()).isEqualTo(17);

    assertThat(
            done(new Operation.ChangeAvailability(Optional.empty(), Availability.INOPERATIVE))
                .status())
        .isEqualTo("Scheduled");
    assertThat(((ChangeAvailabilityRequest) received.take()).getConnectorId()).isZero();

    assertThat(done(new Operation.Reset(ResetType.SOFT, Optional.empty())).accepted()).isTrue();
    assertThat(((ResetRequest) received.take()).getType().name()).isEqualTo("Soft");

    assertThat(
            done(new Operation.TriggerMessage(Trigger.STATUS_NOTIFICATION, Optional.of(1)))
                .accepted())
        .isTrue();
    assertThat(received.take().getClass().getSimpleName()).isEqualTo("TriggerMessageRequest");

    OperationOutcome.Answered read =
        done(
            new Operation.ReadSettings(
                List.of(Setting.key("HeartbeatInterval"), Setting.key("Nope"))));
    assertThat(read.settings()).hasSize(2);
    assertThat(read.settings().get(0).value()).contains("300");
    assertThat(read.settings().get(0).readOnly()).contains(false);
    assertThat(read.settings().get(1).status()).isEqualTo("UnknownKey");
    assertThat(((GetConfigurationRequest) received.take()).getKey())
        .containsExactly("HeartbeatInterval", "Nope");

    assertThat(
            done(new Operation.ChangeSetting(Setting.key("MeterValueSampleInterval"), "60"))
                .accepted())
        .isTrue();
    ChangeConfigurationRequest change = (ChangeConfigurationRequest) received.take();
    assertThat(change.getKey()).isEqualTo("MeterValueSampleInterval");
    assertThat(change.getValue()).isEqualTo("60");
  }

  @Test
  void theChargersAreListedWithTheirVersionAndOpenTransactions() throws Exception {
    ClientCoreProfile core = new ClientCoreProfile(new Answers());
    StartTransactionConfirmation started =
        send(
            client,
            core.createStartTransactionRequest(1, "TAG-1", 10_000, T0.atZone(ZoneOffset.UTC)),
            StartTransactionConfirmation.class);
    JSONClient stranger = connect2("STRANGER");
    try {
      List<ChargerOperations.Charger> all = ocpp.operations().chargers();
      assertThat(all).extracting(ChargerOperations.Charger::id).contains(CHARGER, "STRANGER");
      ChargerOperations.Charger cp =
          all.stream().filter(c -> c.id().equals(CHARGER)).findFirst().orElseThrow();
      assertThat(cp.connected()).isTrue();
      assertThat(cp.version()).contains("1.6");
      assertThat(cp.securityProfile()).contains(0);
      assertThat(cp.siteId()).isPresent();
      assertThat(cp.awaitingApproval()).isFalse();
      assertThat(cp.openTransactions())
          .extracting(ChargerOperations.OpenTransaction::id)
          .containsExactly(String.valueOf(started.getTransactionId()));
      ChargerOperations.Charger s =
          all.stream().filter(c -> c.id().equals("STRANGER")).findFirst().orElseThrow();
      assertThat(s.awaitingApproval()).isTrue();
      assertThat(s.siteId()).isEmpty();
    } finally {
      stranger.disconnect();
    }
  }

  /** A charger the register does not know: its boot is answered Pending. */
  private JSONClient connect2(String identity) throws Exception {
    ClientCoreProfile core = new ClientCoreProfile(new Answers());
    JSONClient c = new JSONClient(core, identity);
    CountDownLatch opened = new CountDownLatch(1);
    c.connect(
        "ws://127.0.0.1:" + ocpp.port() + "/ocpp",
        new ClientEvents() {
          @Override
          public void connectionOpened() {
            opened.countDown();
          }

          @Override
          public void connectionClosed() {}
        });
    assertThat(opened.await(WAIT, TimeUnit.SECONDS)).isTrue();
    BootNotificationConfirmation boot =
        send(
            c, core.createBootNotificationRequest("Acme", "X"), BootNotificationConfirmation.class);
    assertThat(boot.getStatus()).isEqualTo(RegistrationStatus.Pending);
    return c;
  }

  @Test
  void whatCannotBeSentIsRefusedWithItsReasonAndNothingIsSent() throws Exception {
    record Case(String charger, Operation op, Refusal.Reason reason, String message) {}
    Operation reset = new Operation.Reset(ResetType.HARD, Optional.empty());
    service
        .register()
        .linkDevice(
            service.register().sites().get(0).id(),
            DeviceId.of("EVSE-2"),
            DeviceKind.EV_CHARGER,
            Power.ofKilowatts(7.4));
    List<Case> cases =
        List.of(
            new Case("NOBODY", reset, Refusal.Reason.UNKNOWN_CHARGER, "no charger NOBODY"),
            new Case("EVSE-2", reset, Refusal.Reason.NOT_CONNECTED, "not connected"),
            new Case(
                CHARGER,
                new Operation.Reset(ResetType.ON_IDLE, Optional.empty()),
                Refusal.Reason.NOT_IN_VERSION,
                "Hard or Soft"),
            new Case(
                CHARGER,
                new Operation.ChangeSetting(Setting.key("AuthorizationKey"), "00112233aabbccdd"),
                Refusal.Reason.SECRET,
                "rotation"));
    for (Case c : cases) {
      assertThatThrownBy(() -> ocpp.operations().send(c.charger(), c.op()))
          .as("%s %s", c.charger(), c.op())
          .hasMessageContaining(c.message())
          .hasMessageNotContaining("00112233")
          .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.reason()).isEqualTo(c.reason()));
    }
    assertThat(received).isEmpty();
  }
}
