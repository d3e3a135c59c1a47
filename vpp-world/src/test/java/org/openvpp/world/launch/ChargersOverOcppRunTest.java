package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.device.DeviceId;
import org.openvpp.ocpp.charging.ProfileTracker;
import org.openvpp.server.ServiceSettings;
import org.openvpp.service.chargers.CentralSystem;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.World;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.eval.Evaluation;

/**
 * The VPP with its managed charging over OCPP: the world's EV chargers are charge points of the
 * service's central system (half 1.6J, half 2.0.1), not devices on the broker. Two days with an
 * evening event and offline spells: every charger boots and is accepted, its sessions become
 * transactions in the central system, the event's deferrals reach them as charging profiles, all
 * accepted, the lockstep loses nothing, and no car leaves with less than its driver wanted unless
 * it would have without the VPP.
 */
class ChargersOverOcppRunTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  /** How long the central system may take, by the world's clock, to see a dropped connection. */
  private static final Duration DROP_NOTICED = Duration.ofMinutes(5);

  @TempDir Path tmp;

  @Test
  void managedChargingOverOcppKeepsEveryCarReadyByItsDeparture() throws IOException {
    Scenario s = ScenarioFile.load(resource("ocpp-evening-ca.yaml"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    try (Beside beside =
        Beside.start(
            s,
            new ServiceSettings.InMemory(),
            tmp.resolve("truth.bin"),
            0,
            0,
            Optional.empty(),
            Optional.of(
                new OcppSettings(
                    "127.0.0.1",
                    freePort(),
                    0,
                    Optional.empty(),
                    "",
                    OcppSettings.defaultSchemas(),
                    OcppSettings.DEFAULT_VEHICLE)),
            Optional.of(ChargePoints.Versions.BOTH),
            0,
            out)) {
      Evaluation.Figures f = beside.run(Optional.empty(), day -> {});
      Evaluation.print(f, LA, s.misbehaviour(), out);
      World world = beside.world();
      ChargePoints chargers = world.chargePoints().orElseThrow();
      Up.printChargers(chargers, world.carsReady(), out);
      CentralSystem central = beside.launch().ocpp().orElseThrow();
      String report = log.toString(StandardCharsets.UTF_8) + "\n" + central.link().summary();

      List<DeviceId> evs =
          world.homes().stream()
              .flatMap(h -> h.devices().stream())
              .filter(d -> d.kind().equals("ev_charger"))
              .map(d -> DeviceId.of(d.id()))
              .toList();
      assertThat(evs).as("an EV at every home").hasSize(s.homes());
      assertThat(chargers.size()).isEqualTo(s.homes());
      assertThat(chargers.errors()).as(report).isZero();
      assertThat(chargers.everAccepted()).as(report).isEqualTo(s.homes());
      assertThat(f.telemetryLost()).as(report).isZero();
      assertThat(f.readingsLost()).as(report).isZero();

      // both versions took part, each charger's sessions are transactions in the central system
      for (String version : List.of("1.6", "2.0.1")) {
        List<DeviceId> speaking =
            evs.stream().filter(d -> chargers.version(d).orElseThrow().equals(version)).toList();
        assertThat(speaking).as("chargers speaking " + version).isNotEmpty();
        for (DeviceId d : speaking) {
          assertThat(central.transactions(d.value()))
              .as(d + " (" + version + ")'s transactions\n" + report)
              .isNotEmpty();
        }
      }

      // the event's deferrals went out as charging profiles, and every one was accepted but those
      // sent to a charger that had just dropped its connection (an offline spell drops it without
      // a goodbye, so the central system may learn of it by the close or by the call's timeout)
      ProfileTracker profiles = central.profiles();
      assertThat(profiles.sent()).as(report).isPositive();
      assertThat(profiles.count(ProfileTracker.State.REJECTED)).as(report).isZero();
      assertThat(profiles.count(ProfileTracker.State.PENDING)).as(report).isZero();
      for (ProfileTracker.Entry e : profiles.entries()) {
        if (e.state() == ProfileTracker.State.ACCEPTED) {
          continue;
        }
        Instant settled = e.settled().orElseThrow();
        assertThat(chargers.drops(DeviceId.of(e.charger())))
            .as(e + " settled without an answer, yet its charger did not drop\n" + report)
            .anyMatch(d -> !d.isBefore(e.sent().minus(DROP_NOTICED)) && !d.isAfter(settled));
      }

      // the customers' ready-by limit, from the simulation's truth
      World.CarsReady cars = world.carsReady();
      assertThat(cars.ended()).as(report).isGreaterThanOrEqualTo(s.homes());
      assertThat(cars.leftShort()).as(report).isLessThanOrEqualTo(cars.shortWithout());
    }
  }

  private static String resource(String name) {
    try {
      return Path.of(ChargersOverOcppRunTest.class.getResource("/" + name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
