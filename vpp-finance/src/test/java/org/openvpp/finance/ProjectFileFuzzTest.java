package org.openvpp.finance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Project files fuzzed: any text gives a project or a {@link ProjectFileException} naming the file
 * (and the line and key where there is one) — never another exception, however deep the YAML nests
 * or whatever its aliases expand to. The default test run replays {@code ProjectFileFuzzTestInputs}
 * (the shipped examples among them); {@code ./vpp fuzz} fuzzes for real (docs/security.md).
 */
class ProjectFileFuzzTest {

  @FuzzTest
  void projects(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(ProjectFile.parse(text, "fuzzed.yaml")).isNotNull();
    } catch (ProjectFileException e) {
      assertThat(e.getMessage()).startsWith("fuzzed.yaml");
    }
  }
}
