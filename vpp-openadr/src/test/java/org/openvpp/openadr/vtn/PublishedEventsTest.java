package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.ven.EventListener;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.ReportSource;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.program.EventSource;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * OpenVPP's events published on the VTN as a BL would (Publisher), read back by OpenVPP's own VEN:
 * the same window, target and reduction.
 */
class PublishedEventsTest {

  private static final Interval WINDOW =
      new Interval(Instant.parse("2026-07-01T17:00:00Z"), Instant.parse("2026-07-01T20:00:00Z"));

  @Test
  void aPublishedGridEventIsReadBackAsTheSameEvent() {
    List<String> nonConforming = new CopyOnWriteArrayList<>();
    List<OpenAdrEvent> seen = new CopyOnWriteArrayList<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (VtnFixture vtn = new VtnFixture()) {
      Publisher publisher = new Publisher(vtn.vtn.baseUrl(), vtn.bl, vtn.time);
      String program =
          publisher.program(Publications.program("byo-battery", "Bring your own battery"));
      assertThat(publisher.program(Publications.program("byo-battery", "again")))
          .isEqualTo(program);
      GridEvent event =
          new GridEvent(
              "utility-peak-2026-07-01",
              GridEvent.Kind.PEAK_REDUCTION,
              WINDOW,
              GroupId.FLEET,
              Optional.of(Power.ofKilowatts(50)),
              "utility",
              vtn.time.instant());
      publisher.event(event, program);

      Ven ven =
          Ven.create(
              VenConfig.of(
                  vtn.vtn.baseUrl(),
                  vtn.ven1.clientId(),
                  vtn.ven1.clientSecret(),
                  "partner",
                  List.of("byo-battery")),
              HttpClient.newHttpClient(),
              vtn.time,
              scheduler,
              (EventListener) (change, e) -> seen.add(e),
              ReportSource.none(),
              x -> nonConforming.addAll(Api.conformance(x)));
      assertThat(ven.pollNow().ok()).isTrue();
      assertThat(seen).hasSize(1);
      GridEvent back = seen.get(0).toGridEvent(vtn.time.instant()).orElseThrow();
      assertThat(back.window()).isEqualTo(WINDOW);
      assertThat(back.target()).isEqualTo(GroupId.FLEET);
      assertThat(back.requested()).contains(Power.ofKilowatts(50));
      assertThat(seen.get(0).eventName()).isEqualTo(event.id());
      assertThat(seen.get(0).reports())
          .extracting(r -> r.payloadType())
          .containsExactly("USAGE", "BASELINE", "DEMAND");
      assertThat(nonConforming).isEmpty();
      ven.close();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void publicationsAreValidRequestsOfTheDefinition() {
    ProgramEvent pe =
        new ProgramEvent(
            "e-1",
            "byo-battery",
            EventSource.OPERATOR,
            WINDOW,
            Targeting.region("inland"),
            Optional.empty(),
            WINDOW.start().minusSeconds(7200),
            ProgramEvent.State.SCHEDULED,
            WINDOW.start().minusSeconds(7200));
    var body = Publications.event(pe, "p-1");
    assertThat(Api.DEFINITION.validate("eventRequest", body)).isEmpty();
    assertThat(body.path("targets").get(0).asText()).isEqualTo("region:inland");
    assertThat(
            Api.DEFINITION.validate("programRequest", Publications.program("byo-battery", "BYO")))
        .isEmpty();
  }
}
