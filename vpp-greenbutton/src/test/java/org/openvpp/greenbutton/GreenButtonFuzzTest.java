package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Green Button XML fuzzed: any bytes give a feed or a {@link GreenButtonException} that says why
 * (its reason and message) — never another exception. The default test run replays {@code
 * GreenButtonFuzzTestInputs} (a shipped sample feed and one with an external entity among them);
 * {@code ./vpp fuzz} fuzzes for real (docs/security.md).
 */
class GreenButtonFuzzTest {
  private static final GreenButtonReader READER = new GreenButtonReader(1 << 20);

  @FuzzTest
  void feeds(byte[] xml) throws IOException {
    try {
      GreenButtonFeed feed = READER.read(new ByteArrayInputStream(xml));
      assertThat(feed).isNotNull();
    } catch (GreenButtonException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
