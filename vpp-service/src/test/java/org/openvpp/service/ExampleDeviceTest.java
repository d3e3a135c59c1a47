package org.openvpp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.MosquittoProcess;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.program.Consent;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.prices.PriceSources;
import org.openvpp.service.register.Register;
import org.openvpp.units.Power;

/**
 * The example device of examples/device (Python, Debian's paho-mqtt: no OpenVPP code) against the
 * service on a real Mosquitto: it registers, reports, sends its meter's readings, and follows the
 * commands the service sends it (the service trades it against prices that make charging now pay).
 * The service runs on the wall clock with one-second steps, so the test takes seconds.
 */
class ExampleDeviceTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void theExampleDeviceRegistersReportsMetersAndFollowsCommands(@TempDir Path dir)
      throws Exception {
    String cloudSecret = "example-cloud-secret";
    try (MosquittoProcess broker =
        MosquittoProcess.start(
            Map.of(BrokerAccess.GATEWAY_USER, "gateway-secret", "ex", cloudSecret))) {
      // prices of today and tomorrow: nearly free this hour, dear in ten, so the battery charges
      // now
      Instant now = Instant.now();
      LocalDate today = now.atZone(UTC).toLocalDate();
      int hourNow = now.atZone(UTC).getHour();
      StringBuilder csv = new StringBuilder("start,usd_per_mwh\n");
      for (int d = 0; d < 2; d++) {
        for (int h = 0; h < 24; h++) {
          int fromNow = d * 24 + h - hourNow;
          String price = fromNow == 0 ? "1" : fromNow >= 10 && fromNow < 14 ? "900" : "60";
          csv.append(today.plusDays(d).atTime(h, 0).atZone(UTC).toOffsetDateTime())
              .append(',')
              .append(price)
              .append('\n');
        }
      }
      Path prices = Files.writeString(dir.resolve("prices.csv"), csv.toString());
      Tuning tuning =
          new Tuning(
              Duration.ofSeconds(1),
              Duration.ofMinutes(15),
              Duration.ofSeconds(2),
              Duration.ofSeconds(2),
              Duration.ofMinutes(15));
      Service.Parts parts =
          new Service.Parts(
              ServiceClock.wall(UTC),
              tuning,
              Records.inMemory(),
              new DayAheadPrices(
                  UTC, Map.of("node", PriceSources.file(prices)), Map.of("east", "node")),
              Map.of(),
              Optional.empty(),
              List.of(),
              Duration.ofHours(1),
              Duration.ofHours(1));
      MqttGateway.Settings gateway =
          new MqttGateway.Settings(
              broker.uri(),
              "vpp-gateway-test",
              BrokerAccess.GATEWAY_USER,
              "gateway-secret",
              "vpp-gateway",
              100_000);
      try (Service service =
          Service.assemble(
              parts,
              MqttEdge.factory(gateway, Optional.empty(), MqttEdge.History.NONE, tuning.step()))) {
        Register r = service.register();
        r.putProgram(ServiceTest.byo("east"));
        var c = r.addCustomer(Optional.empty(), "Example home");
        var site = r.addSite(Optional.empty(), c.id(), "ex-meter-1", "east", "f1");
        DeviceId bat = DeviceId.of("ex:bat-1");
        r.linkDevice(site.id(), bat, DeviceKind.BATTERY, Power.ofKilowatts(5));
        Consent k =
            r.grantConsent(
                site.id(),
                "owner",
                Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
                Optional.empty());
        r.enrol("byo", site.id(), List.of(bat), k.id());
        service.start();

        // the tests run in the module's folder; the example lies beside the modules
        Path script =
            Path.of("..", "examples", "device", "vpp_device.py").toAbsolutePath().normalize();
        String python =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process device =
            new ProcessBuilder(
                    python,
                    script.toString(),
                    "--broker",
                    broker.uri().replace("tcp://", ""),
                    "--cloud",
                    "ex",
                    "--password",
                    cloudSecret,
                    "--meter",
                    "ex-meter-1",
                    "--period",
                    "1",
                    "--seconds",
                    "15")
                .redirectErrorStream(true)
                .start();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(device.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                      out.add(line);
                    }
                  } catch (java.io.IOException e) {
                    out.add("read failed: " + e);
                  }
                });
        reader.start();
        assertThat(device.waitFor(60, TimeUnit.SECONDS)).as("the device stops by itself").isTrue();
        reader.join(5_000);
        assertThat(device.exitValue()).as(String.join("\n", out)).isZero();

        assertThat(out).contains("registered ex:bat-1");
        assertThat(out)
            .anySatisfy(l -> assertThat(l).startsWith("meter receipt {\"v\":1,\"accepted\":4"));
        assertThat(out)
            .anySatisfy(l -> assertThat(l).matches("command .* setpoint [0-9.]+ kW: accepted"));
        assertThat(service.meters().counts()).containsEntry(ReadingVerdict.ACCEPTED, 4L);
        var view = service.view();
        assertThat(view.fleet().devices())
            .anySatisfy(d -> assertThat(d.id()).isEqualTo("ex:bat-1"));
        assertThat(view.telemetry().getOrDefault("accepted", 0L)).isGreaterThan(5);
        assertThat(service.failure()).isEmpty();
        assertThat(commandsSent(service)).isPositive();
      }
    }
  }

  private static long commandsSent(Service service) {
    return service.view().fleet().dispatch().stream().mapToLong(d -> d.commandsSent()).sum();
  }
}
