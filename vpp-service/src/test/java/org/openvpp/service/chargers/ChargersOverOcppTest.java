package org.openvpp.service.chargers;

import static org.assertj.core.api.Assertions.assertThat;

import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.ChargePointErrorCode;
import eu.chargetime.ocpp.model.core.ChargePointStatus;
import eu.chargetime.ocpp.model.core.ChargingProfile;
import eu.chargetime.ocpp.model.core.ChargingProfilePurposeType;
import eu.chargetime.ocpp.model.core.MeterValue;
import eu.chargetime.ocpp.model.core.MeterValuesConfirmation;
import eu.chargetime.ocpp.model.core.MeterValuesRequest;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.SampledValue;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StatusNotificationConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionConfirmation;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.ocpp.charging.ProfileTracker;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.program.Consent;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Targeting;
import org.openvpp.service.Records;
import org.openvpp.service.Service;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.fleet.PreferenceDesk;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.testing.TestEdge;
import org.openvpp.service.view.FleetView;
import org.openvpp.store.Database;
import org.openvpp.store.TelemetryHistory;
import org.openvpp.time.Interval;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The service with its OCPP central system on a real port and its records in a real (embedded)
 * database, and a charge point we did not write (ChargeTime's 1.6J client): boot, a transaction
 * with meter values into the charger's twin and the telemetry history, a managed-charging event
 * whose dispatcher's command reaches the charger as a TxProfile that lapses at the command's
 * expiry, and a restart that keeps the open transaction's id.
 */
class ChargersOverOcppTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final Instant T0 =
      ZonedDateTime.of(LocalDate.of(2019, 8, 12).atTime(14, 0), LA).toInstant();
  private static final String CHARGER = "EVSE-1";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path data;

  private static Program managedCharging() {
    return new Program(
        "ev",
        "Managed charging",
        ProgramKind.MANAGED_EV_CHARGING,
        Set.of(DeviceKind.EV_CHARGER),
        Set.of("fontana"),
        Power.ofKilowatts(1000),
        1000,
        new EventLimits(
            new Interval(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(120))),
            20,
            Duration.ofHours(4),
            Duration.ofHours(60),
            Duration.ofHours(2)),
        Incentives.none(Money.USD).withPerKwh(Money.usd("1.00")),
        new OptOutRules(3, Duration.ofHours(1), false),
        Set.of());
  }

  private static Service service(Records records, TestEdge edge, CentralSystem.Factory[] made) {
    CentralSystem.Factory f =
        CentralSystem.around(
            edge.factory(),
            OcppSettings.open(0, OcppSettings.defaultSchemas()),
            records.state(),
            records.telemetryHistory(),
            1_000);
    made[0] = f;
    return Service.assemble(
            new Service.Parts(
                ServiceClock.following(T0, LA),
                Tuning.defaults(),
                records,
                DayAheadPrices.none(LA),
                Map.of(),
                Optional.empty(),
                List.of(),
                Duration.ofHours(1),
                Duration.ofHours(1)),
            f)
        .start();
  }

  private static ZonedDateTime at(Instant t) {
    return t.atZone(ZoneOffset.UTC);
  }

  private static SampledValue value(String measurand, String unit, String v) {
    SampledValue s = new SampledValue(v);
    s.setMeasurand(measurand);
    s.setUnit(unit);
    return s;
  }

  /** Waits (10 s at most) until {@code condition} holds. */
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static Optional<FleetView.DeviceView> device(Service s) {
    return s.view().fleet().devices().stream().filter(d -> d.id().equals(CHARGER)).findFirst();
  }

  @Test
  void aChargerOverOcppIsATwinItsMeterIsKeptAndItsCommandIsAProfileThatLapses() throws Exception {
    Database db = Database.embedded(data);
    try {
      TestEdge edge = new TestEdge();
      CentralSystem.Factory[] made = new CentralSystem.Factory[1];
      Service service = service(Records.in(db), edge, made);
      int txId;
      Instant t = T0;
      try {
        CentralSystem ocpp = made[0].opened().orElseThrow();
        Register r = service.register();
        r.putProgram(managedCharging());
        var customer = r.addCustomer(Optional.empty(), "Home 1");
        var site = r.addSite(Optional.empty(), customer.id(), "m-1", "fontana", "feeder-1");
        r.linkDevice(
            site.id(), DeviceId.of(CHARGER), DeviceKind.EV_CHARGER, Power.ofKilowatts(7.4));
        Consent k =
            r.grantConsent(
                site.id(),
                "owner",
                Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
                Optional.empty());
        r.enrol("ev", site.id(), List.of(DeviceId.of(CHARGER)), k.id());
        edge.step(t);

        try (ChargeTimeChargePoint stranger =
                ChargeTimeChargePoint.connect(ocpp.port(), "STRANGER");
            ChargeTimeChargePoint cp = ChargeTimeChargePoint.connect(ocpp.port(), CHARGER)) {
          assertThat(
                  stranger
                      .send(
                          stranger.core.createBootNotificationRequest("Acme", "Wall"),
                          BootNotificationConfirmation.class)
                      .getStatus())
              .as("a charger the register does not know waits for an operator")
              .isEqualTo(RegistrationStatus.Pending);
          assertThat(ocpp.awaiting()).containsExactly("STRANGER");

          BootNotificationConfirmation boot =
              cp.send(
                  cp.core.createBootNotificationRequest("ChargeTime", "Interop"),
                  BootNotificationConfirmation.class);
          assertThat(boot.getStatus()).isEqualTo(RegistrationStatus.Accepted);
          cp.send(
              cp.core.createStatusNotificationRequest(
                  1, ChargePointErrorCode.NoError, ChargePointStatus.Charging),
              StatusNotificationConfirmation.class);
          StartTransactionConfirmation started =
              cp.send(
                  cp.core.createStartTransactionRequest(1, "TAG-1", 10_000, at(T0)),
                  StartTransactionConfirmation.class);
          txId = started.getTransactionId();
          MeterValuesRequest mv = new MeterValuesRequest(1);
          mv.setTransactionId(txId);
          mv.setMeterValue(
              new MeterValue[] {
                new MeterValue(
                    at(T0.plus(Duration.ofMinutes(5))),
                    new SampledValue[] {
                      value("Energy.Active.Import.Register", "Wh", "10600"),
                      value("Power.Active.Import", "W", "7400"),
                      value("SoC", "Percent", "50")
                    })
              });
          cp.send(mv, MeterValuesConfirmation.class);

          // the twin, as the service's view shows it at the next interval's boundary
          for (int i = 0; i < 15; i++) {
            t = t.plus(Duration.ofMinutes(1));
            edge.step(t);
          }
          FleetView.DeviceView twin = device(service).orElseThrow();
          assertThat(twin.kind()).isEqualTo("EV_CHARGER");
          assertThat(twin.site()).contains(site.id());
          assertThat(twin.online()).isTrue();
          assertThat(twin.pluggedIn()).contains(true);
          assertThat(twin.powerKw()).isEqualTo(7.4);
          assertThat(twin.storedKwh()).as("50 % of the assumed 60 kWh car").isEqualTo(30);

          // the customer's ready-by time gives the car a need; an event defers its charging
          var applied =
              service
                  .preferences()
                  .submit(
                      CHARGER,
                      new PreferenceDesk.Preferences(
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.of(LocalTime.of(7, 0))));
          Instant eventStart = T0.plus(Duration.ofMinutes(150));
          service
              .events()
              .create(
                  Optional.empty(),
                  "ev",
                  EventSource.OPERATOR,
                  new Interval(eventStart, eventStart.plus(Duration.ofHours(2))),
                  Targeting.wholeProgram(),
                  Optional.empty());
          t = t.plus(Duration.ofMinutes(1));
          edge.step(t);
          applied.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          @Nullable SetChargingProfileRequest got = null;
          while (got == null && t.isBefore(eventStart.plus(Duration.ofMinutes(30)))) {
            t = t.plus(Duration.ofMinutes(1));
            edge.step(t);
            if (ocpp.profiles().sent() > 0) {
              got = cp.profiles.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
          }
          if (got == null) {
            throw new AssertionError("no profile came during the event");
          }
          ProfileTracker.Entry entry = ocpp.profiles().entries().get(0);
          await(
              "the profile is acknowledged",
              () -> ocpp.profiles().count(ProfileTracker.State.ACCEPTED) == 1);
          ChargingProfile p = got.getCsChargingProfiles();
          assertThat(got.getConnectorId()).isEqualTo(1);
          assertThat(p.getChargingProfilePurpose()).isEqualTo(ChargingProfilePurposeType.TxProfile);
          assertThat(p.getTransactionId()).isEqualTo(txId);
          assertThat(p.getValidTo()).as("the profile lapses").isNotNull();
          assertThat(p.getValidTo().toInstant()).isEqualTo(entry.profile().validTo());
          assertThat(p.getValidTo().toInstant())
              .isAfter(entry.profile().start())
              .isBeforeOrEqualTo(entry.profile().start().plus(Duration.ofMinutes(30)));
          double limitW =
              p.getChargingSchedule().getChargingSchedulePeriod()[0].getLimit().doubleValue();
          assertThat(limitW).as("deferred below the charger's 7.4 kW").isLessThan(7_400);
        }
        // the charger hung up: its twin is out of service at once
        for (int i = 0; i < 15 && device(service).orElseThrow().online(); i++) {
          t = t.plus(Duration.ofMinutes(1));
          edge.step(t);
        }
        assertThat(device(service).orElseThrow().online()).isFalse();
      } finally {
        service.close();
      }

      // the charger's reports are in the telemetry history, as MQTT chargers' are
      List<Telemetry> kept =
          TelemetryHistory.in(db)
              .query(DeviceId.of(CHARGER), new Interval(T0, T0.plus(Duration.ofHours(6))));
      assertThat(kept).isNotEmpty();
      assertThat(kept).anySatisfy(x -> assertThat(x.power()).isEqualTo(Power.ofKilowatts(7.4)));
      assertThat(kept).allSatisfy(x -> assertThat(x.pluggedIn()).contains(true));

      // a restart: the open transaction and its id are still known, and a new id is a new one
      TestEdge edge2 = new TestEdge();
      Service again = service(Records.in(db), edge2, made);
      try {
        CentralSystem ocpp = made[0].opened().orElseThrow();
        assertThat(ocpp.transactions(CHARGER))
            .extracting(Transaction::id)
            .containsExactly(Integer.toString(txId));
        try (ChargeTimeChargePoint cp = ChargeTimeChargePoint.connect(ocpp.port(), CHARGER)) {
          assertThat(
                  cp.send(
                          cp.core.createBootNotificationRequest("ChargeTime", "Interop"),
                          BootNotificationConfirmation.class)
                      .getStatus())
              .isEqualTo(RegistrationStatus.Accepted);
          int other =
              cp.send(
                      cp.core.createStartTransactionRequest(2, "TAG-2", 500, at(t)),
                      StartTransactionConfirmation.class)
                  .getTransactionId();
          assertThat(other).isNotEqualTo(txId);
          cp.send(
              cp.core.createStopTransactionRequest(12_000, at(t.plus(Duration.ofMinutes(1))), txId),
              StopTransactionConfirmation.class);
        }
        Transaction ended =
            ocpp.transactions(CHARGER).stream()
                .filter(x -> x.id().equals(Integer.toString(txId)))
                .findFirst()
                .orElseThrow();
        assertThat(ended.open()).isFalse();
        assertThat(ended.energy().wattHours()).isEqualTo(2_000);
      } finally {
        again.close();
      }
    } finally {
      db.close();
    }
  }
}
