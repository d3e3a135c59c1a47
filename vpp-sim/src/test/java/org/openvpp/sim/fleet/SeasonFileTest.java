package org.openvpp.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SeasonFileTest {

  static String seasonYaml() throws IOException {
    try (InputStream in =
        ScenarioFile.class.getResourceAsStream(
            "/org/openvpp/sim/scenarios/summer-season-ca.yaml")) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theShippedSeasonHasTenEventsOneExtendedTwoCancelled() {
    Season s = ScenarioFile.load("summer-season-ca").season();
    assertThat(s.days()).isEqualTo(31);
    assertThat(s.historyDays()).isEqualTo(30);
    assertThat(s.events()).hasSize(10);
    assertThat(s.events()).filteredOn(e -> e.extendTo().isPresent()).hasSize(1);
    assertThat(s.events()).filteredOn(e -> e.cancel().isPresent()).hasSize(2);
    assertThat(s.events().get(1).extendTo()).contains(LocalTime.of(20, 0));
    assertThat(s.signups().atStart()).isEqualTo(0.85);
    assertThat(s.meters().nextDay()).isEqualTo(0.2);
  }

  @Test
  void theWinterSeasonHasTwelveMorningEventsAnnouncedTheEveningBefore() {
    Scenario winter = ScenarioFile.load("winter-season-ca");
    Season s = winter.season();
    assertThat(winter.day().getMonthValue()).isEqualTo(2);
    assertThat(s.events()).hasSize(12);
    assertThat(s.events()).allMatch(e -> e.start().equals(LocalTime.of(6, 0)));
    assertThat(s.events()).filteredOn(e -> e.cancel().isPresent()).hasSize(1);
    assertThat(s.events()).filteredOn(e -> e.extendTo().isPresent()).hasSize(1);
    assertThat(s.events()).filteredOn(e -> e.notice().toHours() == 12).hasSize(11);
  }

  @Test
  void aOneDayScenarioIsASeasonOfItsOneEvent() {
    Scenario summer = ScenarioFile.load("summer-peak-ca");
    assertThat(summer.season().days()).isEqualTo(1);
    assertThat(summer.season().events()).hasSize(1);
    assertThat(summer.season().events().get(0).start()).isEqualTo(LocalTime.of(17, 0));
  }

  @Test
  void aSeasonLeavesOutHoursAndEvent() throws IOException {
    String yaml = seasonYaml().replace("seed: 1", "seed: 1\nhours: 24");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "s.yaml"))
        .hasMessageContaining("with a season block, leave out hours and event");
  }

  @Test
  void anEventAfterTheSeasonIsRefused() throws IOException {
    String yaml = seasonYaml().replace("{day: 28,", "{day: 40,");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "s.yaml"))
        .hasMessageContaining("an event on day 40 lies after the season's 31 days");
  }

  @Test
  void aCancellationIsBeforeOrDuring() throws IOException {
    String yaml = seasonYaml().replace("cancel: before", "cancel: later");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "s.yaml"))
        .hasMessageContaining("cancel must be before or during, was later");
  }

  @Test
  void unknownSeasonKeysAreRefused() throws IOException {
    String yaml = seasonYaml().replace("history_days: 30", "history_days: 30\n  holidays: 2");
    assertThatThrownBy(() -> ScenarioFile.parse(yaml, "s.yaml"))
        .hasMessageContaining("unknown key(s) [holidays] in season");
  }
}
