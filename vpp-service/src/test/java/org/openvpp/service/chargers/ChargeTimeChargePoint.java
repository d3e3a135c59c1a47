package org.openvpp.service.chargers;

import eu.chargetime.ocpp.ClientEvents;
import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.feature.profile.ClientCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityRequest;
import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ClearCacheConfirmation;
import eu.chargetime.ocpp.model.core.ClearCacheRequest;
import eu.chargetime.ocpp.model.core.DataTransferConfirmation;
import eu.chargetime.ocpp.model.core.DataTransferRequest;
import eu.chargetime.ocpp.model.core.GetConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.GetConfigurationRequest;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionRequest;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionRequest;
import eu.chargetime.ocpp.model.core.ResetConfirmation;
import eu.chargetime.ocpp.model.core.ResetRequest;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A 1.6J charge point we did not write (ChargeTime's Java OCPP client) for the service's tests: it
 * accepts every charging profile and queues it for the test to read.
 */
final class ChargeTimeChargePoint implements AutoCloseable {
  static final long WAIT_SECONDS = 10;

  final ClientCoreProfile core = new ClientCoreProfile(new NotAnswered());
  final BlockingQueue<SetChargingProfileRequest> profiles = new LinkedBlockingQueue<>();
  private final JSONClient client;

  private ChargeTimeChargePoint(String identity) {
    client = new JSONClient(core, identity);
    client.addFeatureProfile(
        new ClientSmartChargingProfile(
            new ClientSmartChargingEventHandler() {
              @Override
              public SetChargingProfileConfirmation handleSetChargingProfileRequest(
                  SetChargingProfileRequest request) {
                profiles.add(request);
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
                return new GetCompositeScheduleConfirmation(GetCompositeScheduleStatus.Rejected);
              }
            }));
  }

  /** Connects as {@code identity} to the central system on {@code port}, within 10 s. */
  static ChargeTimeChargePoint connect(int port, String identity) throws InterruptedException {
    ChargeTimeChargePoint cp = new ChargeTimeChargePoint(identity);
    CountDownLatch opened = new CountDownLatch(1);
    cp.client.connect(
        "ws://127.0.0.1:" + port + "/ocpp",
        new ClientEvents() {
          @Override
          public void connectionOpened() {
            opened.countDown();
          }

          @Override
          public void connectionClosed() {}
        });
    if (!opened.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      cp.close();
      throw new IllegalStateException(identity + " did not connect within 10 s");
    }
    return cp;
  }

  /** Sends {@code request} and waits (10 s at most) for its answer of type {@code answer}. */
  <T extends Confirmation> T send(Request request, Class<T> answer) throws Exception {
    Confirmation c = client.send(request).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    return answer.cast(c);
  }

  @Override
  public void close() {
    client.disconnect();
  }

  /**
   * The core CALLs of the central system, none answered: the charge points of the tests that get
   * none of them; a test that expects some overrides those.
   */
  static class NotAnswered implements ClientCoreEventHandler {
    /** What a CALL no test expects is answered with: the charge point fails it, naming it. */
    static UnsupportedOperationException unexpected(Object request) {
      return new UnsupportedOperationException(
          request.getClass().getSimpleName() + " was not expected by this test");
    }

    @Override
    public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(
        ChangeAvailabilityRequest request) {
      throw unexpected(request);
    }

    @Override
    public GetConfigurationConfirmation handleGetConfigurationRequest(
        GetConfigurationRequest request) {
      throw unexpected(request);
    }

    @Override
    public ChangeConfigurationConfirmation handleChangeConfigurationRequest(
        ChangeConfigurationRequest request) {
      throw unexpected(request);
    }

    @Override
    public ClearCacheConfirmation handleClearCacheRequest(ClearCacheRequest request) {
      throw unexpected(request);
    }

    @Override
    public DataTransferConfirmation handleDataTransferRequest(DataTransferRequest request) {
      throw unexpected(request);
    }

    @Override
    public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(
        RemoteStartTransactionRequest request) {
      throw unexpected(request);
    }

    @Override
    public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(
        RemoteStopTransactionRequest request) {
      throw unexpected(request);
    }

    @Override
    public ResetConfirmation handleResetRequest(ResetRequest request) {
      throw unexpected(request);
    }

    @Override
    public UnlockConnectorConfirmation handleUnlockConnectorRequest(
        UnlockConnectorRequest request) {
      throw unexpected(request);
    }
  }
}
