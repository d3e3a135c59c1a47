package org.openvpp.world.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.world.WorldConfig;
import org.openvpp.world.chargers.ChargePoints;

/** {@code ./vpp sim --ocpp URL [--ocpp-versions V]}: read, or refused with what was wrong. */
class SimOptionsTest {

  private static Options parse(String... args) throws UsageException {
    return Options.parse("sim", List.of(args), Set.of("--ocpp", "--ocpp-versions"), Set.of());
  }

  @Test
  void theChargersGoToTheCentralSystemInTheVersionsAsked() throws UsageException {
    assertThat(Sim.chargers(parse())).isEmpty();
    assertThat(Sim.chargers(parse("--ocpp", "ws://127.0.0.1:9220/")))
        .contains(
            new WorldConfig.Chargers(
                URI.create("ws://127.0.0.1:9220"), ChargePoints.Versions.BOTH));
    assertThat(Sim.chargers(parse("--ocpp", "ws://vpp:9220", "--ocpp-versions", "2.0.1")))
        .contains(
            new WorldConfig.Chargers(URI.create("ws://vpp:9220"), ChargePoints.Versions.V201));
  }

  @Test
  void badOcppOptionsSayWhatWasWrong() {
    assertThatThrownBy(() -> Sim.chargers(parse("--ocpp", "http://127.0.0.1:9220")))
        .hasMessageContaining("ws://host:port, was 'http://127.0.0.1:9220'");
    assertThatThrownBy(() -> Sim.chargers(parse("--ocpp", "ws://127.0.0.1:9220/ocpp/x")))
        .hasMessageContaining("ws://host:port");
    assertThatThrownBy(
            () -> Sim.chargers(parse("--ocpp", "ws://127.0.0.1:9220", "--ocpp-versions", "1.5")))
        .hasMessageContaining("1.6, 2.0.1 or both, was '1.5'");
    assertThatThrownBy(() -> Sim.chargers(parse("--ocpp-versions", "1.6")))
        .hasMessageContaining("--ocpp-versions goes with --ocpp URL");
  }
}
