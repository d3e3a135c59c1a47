package org.openvpp.service.chargers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.charger.ConnectorStatus;
import org.openvpp.ocpp.charging.ChargingNeeds;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.metering.Sample;
import org.openvpp.ocpp.metering.Unit;
import org.openvpp.ocpp.transaction.IdToken;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.service.register.Register;
import org.openvpp.service.register.RegisterStores;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/** What a charger's news makes of its twin: input → output, one behaviour a test. */
class ChargerTwinsTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final Instant T0 = Instant.parse("2019-08-12T21:00:00Z"); // 14:00 in LA
  private static final String ID = "EVSE-1";

  private final ServiceClock clock = ServiceClock.following(T0, LA);
  private final Register register = new Register(RegisterStores.inMemory(), clock);
  private final TwinStore twins = new TwinStore(Duration.ofMinutes(5));
  private final List<Telemetry> kept = new ArrayList<>();
  private boolean connected = true;
  private final ChargerTwins chargers;

  ChargerTwinsTest() {
    var c = register.addCustomer(Optional.empty(), "Home");
    var s = register.addSite(Optional.empty(), c.id(), "m-1", "fontana", "f-1");
    register.linkDevice(s.id(), DeviceId.of(ID), DeviceKind.EV_CHARGER, Power.ofKilowatts(7.4));
    MqttEdge.History history =
        new MqttEdge.History() {
          @Override
          public void accepted(Telemetry report) {
            kept.add(report);
          }

          @Override
          public void late(Telemetry report) {}
        };
    chargers =
        new ChargerTwins(
            twins,
            new RegisterAdmission(register),
            history,
            OcppSettings.open(0, OcppSettings.defaultSchemas()),
            LA,
            id -> connected);
  }

  private int twin() {
    return twins.ordinalOf(DeviceId.of(ID)).orElseThrow();
  }

  private static Sample sample(Instant at, String measurand, double value, Unit unit) {
    return new Sample(at, measurand, value, unit, Optional.empty(), "Sample.Periodic", "Outlet");
  }

  private static Transaction open(String id, double meterStartWh) {
    Energy start = Energy.ofWattHours(meterStartWh);
    return new Transaction(
        ID,
        id,
        Optional.of(new ConnectorRef(1, 1)),
        Optional.of(IdToken.idTag("TAG")),
        T0,
        Optional.of(start),
        Optional.of(start),
        Optional.empty(),
        Optional.empty(),
        1,
        0);
  }

  private static Transaction ended(Transaction t) {
    return new Transaction(
        t.charger(),
        t.id(),
        t.connector(),
        t.idToken(),
        t.started(),
        t.meterStart(),
        t.meterLast(),
        Optional.of(T0.plus(Duration.ofHours(1))),
        Optional.of("EVDisconnected"),
        2,
        0);
  }

  private void meter(Instant at, Sample... samples) {
    chargers.apply(
        new Arrival.Meter(new MeterReport(ID, 1, Optional.of("7"), List.of(samples)), at));
  }

  @Test
  void aChargerTheRegisterDoesNotKnowGetsNoTwin() {
    chargers.apply(new Arrival.Connection("STRANGER", T0));
    chargers.report(T0);
    assertThat(twins.size()).isZero();
    assertThat(chargers.ignored()).isEqualTo(1);
    assertThat(chargers.knows(DeviceId.of("STRANGER"))).isFalse();
  }

  @Test
  void powerComesFromTheRegisterWhenNoPowerIsSampled() {
    chargers.apply(new Arrival.Tx(open("7", 10_000), T0));
    meter(T0, sample(T0, Sample.ENERGY_IMPORT_REGISTER, 10_000, Unit.WATT_HOUR));
    meter(
        T0.plus(Duration.ofMinutes(15)),
        sample(
            T0.plus(Duration.ofMinutes(15)),
            Sample.ENERGY_IMPORT_REGISTER,
            11_850,
            Unit.WATT_HOUR));
    chargers.report(T0.plus(Duration.ofMinutes(15)));
    int d = twin();
    assertThat(twins.powerKw(d)).isCloseTo(7.4, within(1e-9));
    assertThat(twins.pluggedIn(d)).contains(true);
    assertThat(twins.device(d).kind()).isEqualTo(DeviceKind.EV_CHARGER);
    assertThat(kept).hasSize(1);
  }

  @Test
  void theEvsNeedsLessWhatWasDeliveredSinceByItsDepartureAreTheTwinsNeed() {
    Instant departure = T0.plus(Duration.ofHours(10));
    chargers.apply(new Arrival.Tx(open("7", 10_000), T0));
    meter(T0, sample(T0, Sample.ENERGY_IMPORT_REGISTER, 10_000, Unit.WATT_HOUR));
    chargers.apply(
        new Arrival.Needs(
            new ChargingNeeds(
                ID,
                1,
                "7",
                "AC_single_phase",
                Optional.of(departure),
                Optional.of(Energy.ofKilowattHours(20)),
                T0)));
    meter(
        T0.plus(Duration.ofMinutes(30)),
        sample(
            T0.plus(Duration.ofMinutes(30)), Sample.ENERGY_IMPORT_REGISTER, 13_000, Unit.WATT_HOUR),
        sample(T0.plus(Duration.ofMinutes(30)), Sample.POWER_IMPORT, 6_000, Unit.WATT));
    chargers.report(T0.plus(Duration.ofMinutes(30)));
    var need = twins.chargeNeed(twin()).orElseThrow();
    assertThat(need.energy().kilowattHours()).isCloseTo(17, within(1e-9));
    assertThat(need.readyBy()).isEqualTo(departure);
    assertThat(twins.powerKw(twin())).isEqualTo(6);
  }

  @Test
  void withoutNeedsTheSocAndTheCustomersReadyByGiveTheNeed() {
    chargers.apply(new Arrival.Tx(open("7", 10_000), T0));
    chargers.report(T0);
    twins.setReadyBy(twin(), LocalTime.of(7, 0));
    meter(T0, sample(T0, Sample.STATE_OF_CHARGE, 25, Unit.PERCENT));
    chargers.report(T0.plus(Duration.ofMinutes(1)));
    var need = twins.chargeNeed(twin()).orElseThrow();
    assertThat(need.energy().kilowattHours()).as("75 % of the assumed 60 kWh").isEqualTo(45);
    assertThat(need.readyBy()).isEqualTo(Instant.parse("2019-08-13T14:00:00Z")); // 07:00 in LA
    assertThat(twins.storedKwh(twin())).isEqualTo(15);
  }

  @Test
  void withoutNeedsOrReadyByThereIsNoNeed() {
    chargers.apply(new Arrival.Tx(open("7", 10_000), T0));
    meter(T0, sample(T0, Sample.STATE_OF_CHARGE, 25, Unit.PERCENT));
    chargers.report(T0);
    assertThat(twins.chargeNeed(twin())).isEmpty();
    assertThat(twins.pluggedIn(twin())).contains(true);
  }

  @Test
  void theTransactionsEndUnplugsAndZeroesPower() {
    Transaction t = open("7", 10_000);
    chargers.apply(new Arrival.Tx(t, T0));
    meter(T0, sample(T0, Sample.POWER_IMPORT, 7_000, Unit.WATT));
    chargers.report(T0);
    chargers.apply(new Arrival.Tx(ended(t), T0.plus(Duration.ofHours(1))));
    chargers.report(T0.plus(Duration.ofHours(1)));
    assertThat(twins.powerKw(twin())).isZero();
    assertThat(twins.pluggedIn(twin())).contains(false);
    assertThat(chargers.openTransaction(ID)).isEmpty();
  }

  @Test
  void everyConnectorOutOfServiceOrAClosedConnectionTakesTheTwinOutOfService() {
    chargers.apply(
        new Arrival.Statuses(
            ID,
            Map.of(
                new ConnectorRef(1, 1),
                new ConnectorStatus("Faulted", Optional.of("GroundFailure"), T0, T0)),
            T0));
    chargers.report(T0);
    assertThat(twins.isConnected(twin())).isFalse();
    chargers.apply(
        new Arrival.Statuses(
            ID,
            Map.of(
                new ConnectorRef(1, 1),
                new ConnectorStatus("Available", Optional.of("NoError"), T0, T0)),
            T0));
    chargers.report(T0.plus(Duration.ofMinutes(1)));
    assertThat(twins.isConnected(twin())).isTrue();
    assertThat(twins.isOnline(twin(), T0.plus(Duration.ofMinutes(1)))).isTrue();
    connected = false;
    chargers.apply(new Arrival.Connection(ID, T0.plus(Duration.ofMinutes(2))));
    assertThat(twins.isConnected(twin())).isFalse();
  }

  @Test
  void anOpenConnectionKeepsTheTwinFreshWithoutFillingTheHistory() {
    chargers.apply(new Arrival.Tx(open("7", 10_000), T0));
    chargers.report(T0);
    Instant later = T0.plus(Duration.ofMinutes(20));
    for (Instant t = T0.plus(Duration.ofMinutes(1));
        !t.isAfter(later);
        t = t.plus(Duration.ofMinutes(1))) {
      chargers.report(t);
    }
    assertThat(twins.isOnline(twin(), later)).isTrue();
    assertThat(kept).hasSize(1);
    assertThat(Set.of(kept.get(0).at())).containsExactly(T0);
  }
}
