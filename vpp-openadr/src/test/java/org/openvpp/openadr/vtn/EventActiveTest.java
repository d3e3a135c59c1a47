package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /events?active=true} leaves out the events that have transpired. */
class EventActiveTest {

  @Test
  void activeLeavesOutEventsThatHaveEnded() {
    try (VtnFixture v = new VtnFixture()) {
      String p = v.api.call("POST", "/programs", "", v.blToken, Bodies.program("p")).text("id");
      // 17:00 + two intervals of an hour: ends at 19:00; the VTN's time is 12:00.
      v.api.call("POST", "/events", "", v.blToken, Bodies.event(p));
      assertThat(count(v, v.blToken, "active=true")).isEqualTo(1);
      v.time.advance(Duration.ofHours(7));
      String token = v.api.tokenFor(v.bl.clientId(), v.bl.clientSecret());
      assertThat(count(v, token, "active=true")).isZero();
      assertThat(count(v, token, "active=false")).isEqualTo(1);
      assertThat(count(v, token, "")).isEqualTo(1);
      assertThat(v.api.call("GET", "/events", "", "active=yes", token, null, true).status())
          .isEqualTo(400);
    }
  }

  private static int count(VtnFixture v, String token, String query) {
    Api.Response r = v.api.call("GET", "/events", "", query, token, null, true);
    assertThat(r.status()).isEqualTo(200);
    return r.body().size();
  }

  @Test
  void durationsAsTheDefinitionWritesThem() {
    Instant t = Instant.parse("2026-01-31T00:00:00Z");
    assertThat(EventTiming.plus(t, "PT1H")).hasValue(Instant.parse("2026-01-31T01:00:00Z"));
    assertThat(EventTiming.plus(t, "P1M")).hasValue(Instant.parse("2026-02-28T00:00:00Z"));
    assertThat(EventTiming.plus(t, "P2W")).hasValue(Instant.parse("2026-02-14T00:00:00Z"));
    assertThat(EventTiming.plus(t, "PT1.5S")).hasValue(Instant.parse("2026-01-31T00:00:01.500Z"));
    assertThat(EventTiming.plus(t, "-PT15M")).hasValue(Instant.parse("2026-01-30T23:45:00Z"));
    assertThat(EventTiming.plus(t, "P9999Y")).isPresent();
    assertThat(EventTiming.plus(t, "1 hour")).isEqualTo(Optional.empty());
  }
}
