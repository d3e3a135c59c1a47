package org.openvpp.openadr.ven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/** What the VEN maps from an event's payloads, and what it refuses (OpenAdrEvent's design note). */
class EventReaderTest {

  private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

  private static JsonNode event(String descriptors, String period, String intervals) {
    try {
      return VtnClient.JSON.readTree(
          """
          {"id":"e1","programID":"p1","eventName":"peak","modificationDateTime":"2026-07-01T11:00:00Z",
           "targets":["group:north","feeder:f-7"],"payloadDescriptors":%s,"intervalPeriod":%s,"intervals":%s}
          """
              .formatted(descriptors, period, intervals));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OpenAdrEvent read(String descriptors, String period, String intervals)
      throws RefusedEvent {
    return EventReader.read(event(descriptors, period, intervals), "peak-program", NOW);
  }

  private static final String HOUR = "{\"start\":\"2026-07-01T17:00:00Z\",\"duration\":\"PT1H\"}";

  @Test
  void aRelativeSetpointInKilowattsIsTheRequestedReduction() throws RefusedEvent {
    OpenAdrEvent e =
        read(
            "[{\"payloadType\":\"DISPATCH_SETPOINT_RELATIVE\",\"units\":\"MW\"}]",
            HOUR,
            "[{\"id\":0,\"payloads\":[{\"type\":\"DISPATCH_SETPOINT_RELATIVE\",\"values\":[-0.5]}]},"
                + "{\"id\":1,\"payloads\":[{\"type\":\"DISPATCH_SETPOINT_RELATIVE\",\"values\":[-1.25]}]}]");
    GridEvent g = e.toGridEvent(NOW).orElseThrow();
    assertThat(g.requested()).contains(Power.ofKilowatts(1250));
    assertThat(g.window())
        .isEqualTo(
            new Interval(
                Instant.parse("2026-07-01T17:00:00Z"), Instant.parse("2026-07-01T19:00:00Z")));
    assertThat(g.target()).isEqualTo(GroupId.of("north"));
    assertThat(e.targeting().feeder()).contains("f-7");
  }

  @Test
  void simpleLevelsAskAReductionWithoutAFigureAndLevelZeroAsksNone() throws RefusedEvent {
    OpenAdrEvent high =
        read("[]", HOUR, "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[2]}]}]");
    assertThat(high.toGridEvent(NOW).orElseThrow().requested()).isEmpty();
    OpenAdrEvent normal =
        read("[]", HOUR, "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[0]}]}]");
    assertThat(normal.toGridEvent(NOW)).isEmpty();
  }

  @Test
  void pricesAndEmissionsAreKeptButAreNoGridEvent() throws RefusedEvent {
    OpenAdrEvent e =
        read(
            "[{\"payloadType\":\"PRICE\",\"units\":\"KWH\",\"currency\":\"USD\"}]",
            HOUR,
            "[{\"id\":0,\"payloads\":[{\"type\":\"PRICE\",\"values\":[0.31]},{\"type\":\"GHG\",\"values\":[410]}]}]");
    assertThat(e.toGridEvent(NOW)).isEmpty();
    assertThat(e.intervals().get(0).value(Signal.PRICE)).contains(0.31);
    assertThat(e.intervals().get(0).value(Signal.GHG)).contains(410.0);
  }

  @Test
  void intervalsWithTheirOwnPeriodsAndNowAsStart() throws RefusedEvent {
    OpenAdrEvent e =
        read(
            "[]",
            "{\"start\":\"0001-01-01T00:00:00Z\",\"duration\":\"PT15M\"}",
            "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[1]}]},"
                + "{\"id\":1,\"intervalPeriod\":{\"start\":\"2026-07-01T13:00:00Z\",\"duration\":\"PT30M\"},"
                + "\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[3]}]}]");
    assertThat(e.intervals().get(0).window()).isEqualTo(new Interval(NOW, NOW.plusSeconds(900)));
    assertThat(e.window().end()).isEqualTo(Instant.parse("2026-07-01T13:30:00Z"));
  }

  @Test
  void refusals() {
    assertThatThrownBy(
            () ->
                read(
                    "[]",
                    "{\"start\":\"2026-07-01T17:00:00Z\",\"duration\":\"P9999Y\"}",
                    "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[1]}]}]"))
        .hasMessageContaining("P9999Y");
    assertThatThrownBy(
            () ->
                read(
                    "[]", HOUR, "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[5]}]}]"))
        .hasMessageContaining("SIMPLE level 5");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"payloadType\":\"IMPORT_CAPACITY_LIMIT\",\"units\":\"A\"}]",
                    HOUR,
                    "[{\"id\":0,\"payloads\":[{\"type\":\"IMPORT_CAPACITY_LIMIT\",\"values\":[30]}]}]"))
        .hasMessageContaining("units A");
    assertThatThrownBy(
            () ->
                read(
                    "[]",
                    HOUR,
                    "[{\"id\":0,\"payloads\":[{\"type\":\"ALERT_FIRE\",\"values\":[\"fire\"]}]}]"))
        .hasMessageContaining("no payload OpenVPP acts on");
    assertThatThrownBy(
            () ->
                read(
                    "[]", "{}", "[{\"id\":0,\"payloads\":[{\"type\":\"SIMPLE\",\"values\":[1]}]}]"))
        .hasMessageContaining("no start");
  }
}
