package org.openvpp.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Scenario files fuzzed: any text gives a scenario or an {@link IllegalArgumentException} naming
 * the file — never another exception. The default test run replays {@code
 * ScenarioFileFuzzTestInputs} (the shipped scenarios among them); {@code ./vpp fuzz} fuzzes for
 * real (docs/security.md).
 */
class ScenarioFileFuzzTest {

  @FuzzTest
  void scenarios(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(ScenarioFile.parse(text, "fuzzed.yaml")).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("fuzzed.yaml");
    }
  }
}
