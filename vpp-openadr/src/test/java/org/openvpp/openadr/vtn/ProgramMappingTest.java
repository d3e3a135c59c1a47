package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceKind;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.ReportSource;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.program.EventBook;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * An OpenVPP program and program event published on the VTN, followed by the VEN and booked into
 * another OpenVPP's {@link EventBook}: the same program, window, targeting and reduction.
 */
class ProgramMappingTest {

  private static final Interval SEASON =
      new Interval(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));
  private static final Interval WINDOW =
      new Interval(Instant.parse("2026-07-01T17:00:00Z"), Instant.parse("2026-07-01T19:00:00Z"));

  private static Program program() {
    return new Program(
        "byo",
        "Bring your own battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("inland"),
        Power.ofKilowatts(100),
        10,
        new EventLimits(SEASON, 5, Duration.ofHours(4), Duration.ofHours(20), Duration.ofHours(1)),
        Incentives.none(Money.USD),
        new OptOutRules(1, Duration.ofHours(1), false),
        Set.of());
  }

  @Test
  void aProgramEventCrossesTheVtnAndIsBookedAgain() {
    assertThat(Api.DEFINITION.validate("programRequest", Publications.program(program())))
        .isEmpty();
    List<OpenAdrEvent> seen = new CopyOnWriteArrayList<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (VtnFixture vtn = new VtnFixture()) {
      Publisher publisher = new Publisher(vtn.vtn.baseUrl(), vtn.bl, vtn.time);
      String programId = publisher.program(Publications.program(program()));
      ProgramEvent sent =
          new ProgramEvent(
              "e-7",
              "byo",
              EventSource.OPERATOR,
              WINDOW,
              Targeting.region("inland"),
              Optional.of(Power.ofKilowatts(40)),
              vtn.time.instant(),
              ProgramEvent.State.SCHEDULED,
              vtn.time.instant());
      vtn.api.call("POST", "/events", "", vtn.blToken, Publications.event(sent, programId));
      try (Ven ven =
          Ven.create(
              VenConfig.of(
                  vtn.vtn.baseUrl(),
                  vtn.ven1.clientId(),
                  vtn.ven1.clientSecret(),
                  "other-vpp",
                  List.of("byo")),
              HttpClient.newHttpClient(),
              vtn.time,
              scheduler,
              (change, e) -> seen.add(e),
              ReportSource.none(),
              x -> {})) {
        ven.connect();
        // The event is targeted at region:inland: BL grants the target to this VEN.
        vtn.api.call(
            "PUT",
            "/vens/{venID}",
            ven.venId().orElseThrow(),
            vtn.blToken,
            Bodies.venByBl("other-vpp", vtn.ven1.clientId(), "region:inland"));
        assertThat(ven.pollNow().ok()).isTrue();
      }
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(seen).hasSize(1);
    var register = org.openvpp.program.Enrolments.inMemory();
    register.putProgram(program());
    EventBook book = EventBook.inMemory(register);
    ProgramEvent booked = seen.get(0).bookIn(book, "byo", Instant.parse("2026-07-01T12:00:00Z"));
    assertThat(booked.source()).isEqualTo(EventSource.UTILITY_OPENADR);
    assertThat(booked.window()).isEqualTo(WINDOW);
    assertThat(booked.targeting()).isEqualTo(Targeting.region("inland"));
    assertThat(booked.requested()).contains(Power.ofKilowatts(40));
    assertThat(book.events()).containsExactly(booked);
  }
}
