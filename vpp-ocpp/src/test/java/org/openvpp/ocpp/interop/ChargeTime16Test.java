package org.openvpp.ocpp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import eu.chargetime.ocpp.ClientEvents;
import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.feature.profile.ClientCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.core.AuthorizationStatus;
import eu.chargetime.ocpp.model.core.AuthorizeConfirmation;
import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityRequest;
import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ChargingProfile;
import eu.chargetime.ocpp.model.core.ChargingProfilePurposeType;
import eu.chargetime.ocpp.model.core.ClearCacheConfirmation;
import eu.chargetime.ocpp.model.core.ClearCacheRequest;
import eu.chargetime.ocpp.model.core.DataTransferConfirmation;
import eu.chargetime.ocpp.model.core.DataTransferRequest;
import eu.chargetime.ocpp.model.core.GetConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.GetConfigurationRequest;
import eu.chargetime.ocpp.model.core.MeterValue;
import eu.chargetime.ocpp.model.core.MeterValuesRequest;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionRequest;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionRequest;
import eu.chargetime.ocpp.model.core.ResetConfirmation;
import eu.chargetime.ocpp.model.core.ResetRequest;
import eu.chargetime.ocpp.model.core.SampledValue;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionRequest;
import eu.chargetime.ocpp.model.core.UnlockConnectorConfirmation;
import eu.chargetime.ocpp.model.core.UnlockConnectorRequest;
import eu.chargetime.ocpp.model.smartcharging.ChargingProfileStatus;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileRequest;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileStatus;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleConfirmation;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleRequest;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleStatus;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.charging.CompositeSchedule;
import org.openvpp.ocpp.charging.CompositeSchedules;
import org.openvpp.ocpp.charging.LimitPeriod;
import org.openvpp.ocpp.charging.LimitProfile;
import org.openvpp.ocpp.charging.NeedsListener;
import org.openvpp.ocpp.charging.ProfileTracker;
import org.openvpp.ocpp.charging.Purpose;
import org.openvpp.ocpp.charging.ScheduleAnswer;
import org.openvpp.ocpp.charging.SmartCharging;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.TestClock;
import org.openvpp.ocpp.transaction.AuthStatus;
import org.openvpp.ocpp.transaction.InMemoryAuthorizer;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A whole 1.6J session against a charge point we did not write: ChargeTime's Java OCPP client
 * (JSON, subprotocol ocpp1.6), its core and smart-charging profiles, driven as a charger would be.
 */
class ChargeTime16Test {
  private static final String IDENTITY = "CT-16";
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
  private static final long WAIT = 10;

  private final TestClock clock = new TestClock(T0);
  private final List<MeterReport> meters = new CopyOnWriteArrayList<>();
  private final Transactions transactions =
      new Transactions(new InMemoryAuthorizer().with("TAG-CT", AuthStatus.ACCEPTED), meters::add);
  private final LifeCycle life =
      new LifeCycle(
          InMemoryChargerRegistry.knowing(IDENTITY),
          clock,
          Duration.ofSeconds(300),
          Duration.ofSeconds(60),
          new SmartCharging(clock, NeedsListener.none(), transactions, transactions));
  private final ProfileTracker tracker = new ProfileTracker(clock, Duration.ofHours(24));
  private OcppServer server;
  private JSONClient client;

  /** The profile ChargeTime's smart-charging handler was given. */
  private final CompletableFuture<SetChargingProfileRequest> profileReceived =
      new CompletableFuture<>();

  @BeforeEach
  void start() {
    server =
        OcppServer.start(
            OcppConfig.defaults().withPort(0).withSweepEvery(Duration.ZERO),
            TestSchemas.get(),
            life,
            clock);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.disconnect();
    }
    server.close();
  }

  /** The charge point's smart charging: it takes any valid profile and reports it back. */
  private final ClientSmartChargingEventHandler smartCharging =
      new ClientSmartChargingEventHandler() {
        @Override
        public SetChargingProfileConfirmation handleSetChargingProfileRequest(
            SetChargingProfileRequest request) {
          profileReceived.complete(request);
          return new SetChargingProfileConfirmation(ChargingProfileStatus.Accepted);
        }

        @Override
        public ClearChargingProfileConfirmation handleClearChargingProfileRequest(
            ClearChargingProfileRequest request) {
          return new ClearChargingProfileConfirmation(ClearChargingProfileStatus.Accepted);
        }

        @Override
        public GetCompositeScheduleConfirmation handleGetCompositeScheduleRequest(
            GetCompositeScheduleRequest request) {
          if (!profileReceived.isDone()) {
            return new GetCompositeScheduleConfirmation(GetCompositeScheduleStatus.Rejected);
          }
          ChargingProfile p = profileReceived.join().getCsChargingProfiles();
          GetCompositeScheduleConfirmation c =
              new GetCompositeScheduleConfirmation(GetCompositeScheduleStatus.Accepted);
          c.setConnectorId(request.getConnectorId());
          c.setScheduleStart(p.getChargingSchedule().getStartSchedule());
          c.setChargingSchedule(p.getChargingSchedule());
          return c;
        }
      };

  /** The core handlers for the central system's other CALLs, none of which this test sends. */
  private static final ClientCoreEventHandler CORE =
      new ClientCoreEventHandler() {
        @Override
        public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(
            ChangeAvailabilityRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public GetConfigurationConfirmation handleGetConfigurationRequest(
            GetConfigurationRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public ChangeConfigurationConfirmation handleChangeConfigurationRequest(
            ChangeConfigurationRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public ClearCacheConfirmation handleClearCacheRequest(ClearCacheRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(DataTransferRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(
            RemoteStartTransactionRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(
            RemoteStopTransactionRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public ResetConfirmation handleResetRequest(ResetRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public UnlockConnectorConfirmation handleUnlockConnectorRequest(
            UnlockConnectorRequest request) {
          throw new UnsupportedOperationException("not sent in this test");
        }
      };

  private <T extends Confirmation> T send(Request request, Class<T> answer) throws Exception {
    Confirmation c = client.send(request).toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
    assertThat(c).isInstanceOf(answer);
    return answer.cast(c);
  }

  private static ZonedDateTime at(Instant t) {
    return t.atZone(ZoneOffset.UTC);
  }

  private static MeterValue register(Instant t, String wattHours) {
    SampledValue v = new SampledValue(wattHours);
    v.setMeasurand("Energy.Active.Import.Register");
    v.setUnit("Wh");
    return new MeterValue(at(t), new SampledValue[] {v});
  }

  @Test
  void aWholeSessionWithAProfileTheChargerAccepts() throws Exception {
    ClientCoreProfile core = new ClientCoreProfile(CORE);
    client = new JSONClient(core, IDENTITY);
    client.addFeatureProfile(new ClientSmartChargingProfile(smartCharging));
    CountDownLatch opened = new CountDownLatch(1);
    client.connect(
        "ws://127.0.0.1:" + server.port() + "/ocpp",
        new ClientEvents() {
          @Override
          public void connectionOpened() {
            opened.countDown();
          }

          @Override
          public void connectionClosed() {}
        });
    assertThat(opened.await(WAIT, TimeUnit.SECONDS)).as("connected within 10 s").isTrue();

    BootNotificationConfirmation boot =
        send(
            core.createBootNotificationRequest("ChargeTime", "Interop"),
            BootNotificationConfirmation.class);
    assertThat(boot.getStatus()).isEqualTo(RegistrationStatus.Accepted);
    assertThat(boot.getInterval()).isEqualTo(300);

    assertThat(
            send(core.createAuthorizeRequest("TAG-CT"), AuthorizeConfirmation.class)
                .getIdTagInfo()
                .getStatus())
        .isEqualTo(AuthorizationStatus.Accepted);

    StartTransactionConfirmation started =
        send(
            core.createStartTransactionRequest(1, "TAG-CT", 120_000, at(T0)),
            StartTransactionConfirmation.class);
    assertThat(started.getIdTagInfo().getStatus()).isEqualTo(AuthorizationStatus.Accepted);
    int txId = started.getTransactionId();

    MeterValuesRequest mv = new MeterValuesRequest(1);
    mv.setTransactionId(txId);
    mv.setMeterValue(new MeterValue[] {register(T0.plus(Duration.ofMinutes(15)), "121850")});
    send(mv, Confirmation.class);

    // The central system limits the transaction: 7.4 kW, then 3.7 kW after 15 minutes, for an hour.
    ChargerSession session = server.charger(IDENTITY).orElseThrow();
    LimitProfile limit =
        new LimitProfile(
            11,
            1,
            Purpose.TX,
            1,
            T0,
            List.of(
                LimitPeriod.of(Duration.ZERO, Power.ofKilowatts(7.4)),
                LimitPeriod.of(Duration.ofMinutes(15), Power.ofKilowatts(3.7))),
            T0.plus(Duration.ofHours(1)),
            Optional.of(Integer.toString(txId)));
    ProfileTracker.Entry entry = tracker.send(session, limit).get(WAIT, TimeUnit.SECONDS);
    assertThat(entry.state()).isEqualTo(ProfileTracker.State.ACCEPTED);

    SetChargingProfileRequest got = profileReceived.get(WAIT, TimeUnit.SECONDS);
    assertThat(got.getConnectorId()).isEqualTo(1);
    ChargingProfile p = got.getCsChargingProfiles();
    assertThat(p.getChargingProfileId()).isEqualTo(11);
    assertThat(p.getTransactionId()).isEqualTo(txId);
    assertThat(p.getChargingProfilePurpose()).isEqualTo(ChargingProfilePurposeType.TxProfile);
    assertThat(p.getValidTo().toInstant()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(p.getChargingSchedule().getChargingSchedulePeriod())
        .extracting(x -> x.getStartPeriod() + "s " + x.getLimit() + " W")
        .containsExactly("0s 7400.0 W", "900s 3700.0 W");

    ScheduleAnswer answer =
        CompositeSchedules.ask(session, 1, Duration.ofHours(1), Optional.empty())
            .get(WAIT, TimeUnit.SECONDS);
    assertThat(answer).isInstanceOf(ScheduleAnswer.Schedule.class);
    CompositeSchedule composite = ((ScheduleAnswer.Schedule) answer).schedule();
    assertThat(composite.evseId()).isEqualTo(1);
    assertThat(composite.start()).isEqualTo(T0);
    assertThat(composite.limitAt(T0.plus(Duration.ofMinutes(20)))).contains(Power.ofKilowatts(3.7));

    StopTransactionRequest stop =
        core.createStopTransactionRequest(123_700, at(T0.plus(Duration.ofMinutes(40))), txId);
    stop.setIdTag("TAG-CT");
    assertThat(send(stop, StopTransactionConfirmation.class).getIdTagInfo().getStatus())
        .isEqualTo(AuthorizationStatus.Accepted);

    // What the central system recorded
    assertThat(life.charger(IDENTITY).orElseThrow().boot().orElseThrow().vendor())
        .isEqualTo("ChargeTime");
    Transaction t = transactions.transaction(IDENTITY, Integer.toString(txId)).orElseThrow();
    assertThat(t.open()).isFalse();
    assertThat(t.started()).isEqualTo(T0);
    assertThat(t.ended()).contains(T0.plus(Duration.ofMinutes(40)));
    assertThat(t.energy()).isEqualTo(Energy.ofWattHours(3_700));
    assertThat(t.events()).isEqualTo(2);
    assertThat(meters).hasSize(1);
    assertThat(meters.get(0).transactionId()).contains(Integer.toString(txId));
    assertThat(meters.get(0).samples().get(0).energy()).contains(Energy.ofWattHours(121_850));
    assertThat(tracker.count(ProfileTracker.State.ACCEPTED)).isEqualTo(1);
    assertThat(tracker.sent()).isEqualTo(1);
  }
}
