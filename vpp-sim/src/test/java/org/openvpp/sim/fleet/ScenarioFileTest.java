package org.openvpp.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

  static String summerYaml() throws IOException {
    try (InputStream in =
        ScenarioFile.class.getResourceAsStream("/org/openvpp/sim/scenarios/summer-peak-ca.yaml")) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shippedScenariosLoad() {
    for (String name : ScenarioFile.shipped()) {
      Scenario s = ScenarioFile.load(name);
      assertThat(s.name()).isEqualTo(name);
      assertThat(s.homes()).isPositive();
    }
    Scenario summer = ScenarioFile.load("summer-peak-ca");
    assertThat(summer.event().start()).isEqualTo(LocalTime.of(17, 0));
    assertThat(summer.misbehaviour().ignoringShare()).isEqualTo(0.03);
    assertThat(summer.mix().pv()).isEqualTo(0.5);
  }

  @Test
  void unknownKeysAreRefusedByName() throws IOException {
    String yaml = summerYaml().replace("feeders: 4", "feeders: 4\nfeederz: 5");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "my.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("my.yaml: unknown key(s) [feederz]");
  }

  @Test
  void wrongKindsOfValueSayWhichKey() throws IOException {
    assertThatThrownBy(
            () -> ScenarioFile.parse(summerYaml().replace("homes: 200", "homes: many"), "f"))
        .hasMessage("f: homes must be a whole number, was many");
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    summerYaml().replace("latency_s: [20, 60]", "latency_s: 20"), "f"))
        .hasMessageContaining("misbehaviour.latency_s must be a range [min, max], was 20");
    assertThatThrownBy(() -> ScenarioFile.parse(summerYaml().replace("ev: 0.3", "ev: 1.3"), "f"))
        .hasMessageContaining("devices.ev must be a share in [0, 1], was 1.3");
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(
                    summerYaml().replace("America/Los_Angeles", "Mars/Olympus"), "f"))
        .hasMessageContaining("regions[0].zone must be a time zone");
  }

  @Test
  void severalRegionsWithSharesThatAddUp() throws IOException {
    String two =
        summerYaml()
            .replace(
                "weather: fontana, share: 1.0}",
                "weather: fontana, share: 0.6}\n  - {name: greensboro, latitude: 36.1, longitude:"
                    + " -79.95, zone: America/New_York, weather: greensboro-tmy3, share: 0.4}");
    Scenario s = ScenarioFile.parse(two, "two.yaml");
    assertThat(s.regions())
        .extracting(Scenario.Region::name)
        .containsExactly("fontana", "greensboro");
    assertThat(s.zone()).hasToString("America/Los_Angeles");
    assertThatThrownBy(() -> ScenarioFile.parse(two.replace("share: 0.4", "share: 0.5"), "f"))
        .hasMessageContaining("regions' shares must add up to 1");
    assertThatThrownBy(() -> ScenarioFile.parse(two.replace("greensboro-tmy3", "mars"), "f"))
        .hasMessageContaining("regions[1]: no weather 'mars'");
  }

  @Test
  void pricesAreNamedAndMatchTheYear() throws IOException {
    assertThat(ScenarioFile.load("summer-peak-ca").prices()).isEqualTo(Scenario.Prices.CAISO_2019);
    assertThatThrownBy(() -> ScenarioFile.parse(summerYaml().replace("caiso-2019", "pjm"), "f"))
        .hasMessageContaining("no prices 'pjm'");
    assertThatThrownBy(
            () ->
                ScenarioFile.parse(summerYaml().replace("day: 2019-08-15", "day: 2018-08-15"), "f"))
        .hasMessageContaining("prices caiso-2019 need a day in 2019");
  }

  @Test
  void missingKeysAreNamed() throws IOException {
    String yaml = summerYaml().replace("seed: 1\n", "");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "f")).hasMessage("f: missing seed");
  }

  @Test
  void brokenYamlAndTagsAreRefused() {
    assertThatThrownBy(() -> ScenarioFile.parse("name: [unclosed", "f"))
        .hasMessageStartingWith("f: not valid YAML");
    assertThatThrownBy(() -> ScenarioFile.parse("!!java.io.File {}", "f"))
        .hasMessageStartingWith("f: not valid YAML");
    assertThatThrownBy(() -> ScenarioFile.parse("- a\n- b", "f"))
        .hasMessage("f: the file must be a YAML map of keys");
  }

  @Test
  void aFileThatIsNotThereSaysWhatExists() {
    assertThatThrownBy(() -> ScenarioFile.load("/no/such.yaml"))
        .hasMessageContaining("no scenario '/no/such.yaml'")
        .hasMessageContaining("summer-peak-ca");
  }
}
