package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code ./vpp serve} runs on this module's class path, so the simulator must not be on it: the
 * service knows the world only through its interfaces (vpp-world's {@code ArchitectureTest} holds
 * the same line class by class, this test holds it for the Maven dependencies).
 */
class NoSimulatorTest {

  @Test
  void theSimulatorIsNotOnTheServersClassPath() {
    assertThatThrownBy(() -> Class.forName("org.openvpp.sim.fleet.SimFleet"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.openvpp.world.World"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theShippedDataAre() {
    org.assertj.core.api.Assertions.assertThat(
            NoSimulatorTest.class.getResource("/org/openvpp/data/fontana/Building_1.csv"))
        .isNotNull();
  }
}
