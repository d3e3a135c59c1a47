package org.openvpp.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies the face's tests send, as maps written to JSON. */
final class TestBodies {
  private TestBodies() {}

  /** A bring-your-own-battery program over 120 days from {@code start}: 2 h notice, $2/kWh. */
  static Map<String, Object> byo(String id, Instant start) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("name", "Bring your own battery");
    p.put("kind", "BYO_BATTERY");
    p.put("eligibleDevices", List.of("BATTERY"));
    p.put("regions", List.of("fontana"));
    p.put("capacityCapKw", 1000);
    p.put("enrolmentCap", 1000);
    p.put(
        "limits",
        Map.of(
            "seasonStart", start.toString(),
            "seasonEnd", start.plus(Duration.ofDays(120)).toString(),
            "maxEventsPerSeason", 20,
            "maxEventLengthMinutes", 240,
            "maxSeasonHours", 60,
            "minNoticeMinutes", 120));
    p.put("incentives", Map.of("perKwh", "2.00", "perEvent", "1.00"));
    p.put("optOut", Map.of("maxPerSeason", 3, "cutoffMinutes", 60, "duringEvent", false));
    p.put("buyer", Map.of("perKwh", "2.50", "perKwMonth", "5.00"));
    return p;
  }
}
