package org.openvpp.service.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openvpp.time.Interval;

/**
 * An {@link EventResult} as the JSON document the service keeps (and reads back after a restart).
 */
final class ResultJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultJson() {}

  static String write(EventResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("eventId", r.eventId());
    o.put("programId", r.programId());
    o.put("start", r.window().start().toString());
    o.put("end", r.window().end().toString());
    o.put("revision", r.revision());
    o.put("measuredAt", r.measuredAt().toString());
    o.put("committedKw", r.committedKw());
    ArrayNode sites = o.putArray("sites");
    for (SiteResult s : r.sites()) {
      ObjectNode n = sites.addObject();
      n.put("siteId", s.siteId());
      n.put("customerId", s.customerId());
      n.put("status", s.status().name());
      n.put("method", s.method());
      n.put("fallback", s.fallback());
      ArrayNode days = n.putArray("referenceDays");
      s.referenceDays().forEach(d -> days.add(d.toString()));
      n.put("basis", s.basis());
      n.put("baselineKwh", s.baselineKwh());
      n.put("meteredKwh", s.meteredKwh());
      n.put("deliveredKwh", s.deliveredKwh());
      n.put("optedOut", s.optedOut());
      ArrayNode b = n.putArray("baseline");
      s.baselineByInterval().forEach(b::add);
      ArrayNode m = n.putArray("metered");
      s.meteredByInterval().forEach(m::add);
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result of " + r.eventId(), e);
    }
  }

  static EventResult read(String body) {
    JsonNode o;
    try {
      o = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a kept measurement is not JSON: " + e.getMessage(), e);
    }
    List<SiteResult> sites = new ArrayList<>();
    for (JsonNode n : o.path("sites")) {
      List<LocalDate> days = new ArrayList<>();
      n.path("referenceDays").forEach(d -> days.add(LocalDate.parse(d.asText())));
      List<Double> b = new ArrayList<>();
      n.path("baseline").forEach(v -> b.add(v.asDouble()));
      List<Double> m = new ArrayList<>();
      n.path("metered").forEach(v -> m.add(v.asDouble()));
      sites.add(
          new SiteResult(
              n.path("siteId").asText(),
              n.path("customerId").asText(),
              SiteResult.Status.valueOf(n.path("status").asText()),
              n.path("method").asText(),
              n.path("fallback").asBoolean(),
              days,
              n.path("basis").asText(),
              n.path("baselineKwh").asDouble(),
              n.path("meteredKwh").asDouble(),
              n.path("deliveredKwh").asDouble(),
              n.path("optedOut").asBoolean(),
              b,
              m));
    }
    return new EventResult(
        o.path("eventId").asText(),
        o.path("programId").asText(),
        new Interval(
            Instant.parse(o.path("start").asText()), Instant.parse(o.path("end").asText())),
        o.path("revision").asInt(),
        Instant.parse(o.path("measuredAt").asText()),
        o.path("committedKw").asDouble(),
        sites);
  }
}
