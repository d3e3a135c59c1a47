package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The market's input files fuzzed: the input's first byte picks the reader (CAISO's price column,
 * SPP's LMP export, SPP's reserve prices, program events), the rest is the file. For any file: a
 * result, or an {@link IllegalArgumentException} whose message names the file (and the line and
 * field where there is one) — never another exception. The default test run replays {@code
 * MarketFilesFuzzTestInputs}; {@code ./vpp fuzz} fuzzes for real (docs/security.md).
 */
class MarketFilesFuzzTest {
  private static final String SOURCE = "fuzzed.csv";

  @FuzzTest
  void files(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    try {
      switch (Math.floorMod(input[0], 4)) {
        case 0 -> {
          HourlyPrices p =
              HourlyPrices.readColumn(
                  MarketRules.CAISO_DAY_AHEAD, LocalDate.of(2019, 1, 1), reader(text), SOURCE);
          assertThat(p.last()).isAfterOrEqualTo(p.first());
        }
        case 1 -> HourlyPrices.readSpp(MarketRules.SPP_DAY_AHEAD, reader(text), SOURCE);
        case 2 ->
            HourlyPrices.readSpp(
                MarketRules.SPP_DAY_AHEAD, reader(text), SOURCE, "reserve_zone", "1", "spin");
        default -> assertThat(ProgramEvent.parse(text, SOURCE)).doesNotContainNull();
      }
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith(SOURCE);
    }
  }

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }
}
