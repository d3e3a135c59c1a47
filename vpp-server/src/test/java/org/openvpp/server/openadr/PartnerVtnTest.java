package org.openvpp.server.openadr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.device.DeviceKind;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.ReportSource;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Targeting;
import org.openvpp.service.Records;
import org.openvpp.service.Service;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.testing.TestEdge;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * A partner's VEN on OpenVPP's own VTN sees the service's program and its events: one created by an
 * operator, the same event when it is extended, and nothing of it once it is cancelled.
 */
class PartnerVtnTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final Instant START = Instant.parse("2019-08-01T07:00:00Z");

  @TempDir Path tmp;

  @Test
  void aPartnersVenFollowsTheServicesEventsAsTheyChange() throws Exception {
    TestEdge edge = new TestEdge();
    Service service =
        Service.assemble(
                new Service.Parts(
                    ServiceClock.following(START, LA),
                    Tuning.defaults(),
                    Records.inMemory(),
                    DayAheadPrices.none(LA),
                    Map.of(),
                    Optional.empty(),
                    List.of(),
                    Duration.ofHours(1),
                    Duration.ofHours(1)),
                edge.factory())
            .start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (service;
        PartnerVtn vtn = PartnerVtn.start(0, tmp.resolve("no-clients.json"), true, service)) {
      service.register().putProgram(byo());
      ProgramEvent e =
          service
              .events()
              .create(
                  Optional.empty(),
                  "byo",
                  EventSource.OPERATOR,
                  new Interval(
                      Instant.parse("2019-08-02T00:00:00Z"), Instant.parse("2019-08-02T03:00:00Z")),
                  Targeting.wholeProgram(),
                  Optional.empty());
      ClientCredentials demo = vtn.demo().orElseThrow();
      List<OpenAdrEvent> seen = new CopyOnWriteArrayList<>();
      try (Ven ven =
          Ven.create(
              VenConfig.of(
                  vtn.baseUrl(), demo.clientId(), demo.clientSecret(), "partner", List.of("byo")),
              HttpClient.newHttpClient(),
              Clock.systemUTC(),
              scheduler,
              (change, event) -> seen.add(event),
              ReportSource.none(),
              x -> {})) {
        awaitSeen(ven, seen, 1);
        assertThat(seen.get(0).eventName()).isEqualTo(e.id());
        assertThat(seen.get(0).window().end()).isEqualTo(Instant.parse("2019-08-02T03:00:00Z"));

        service
            .events()
            .modify(
                e.id(),
                new Interval(
                    Instant.parse("2019-08-02T00:00:00Z"), Instant.parse("2019-08-02T04:00:00Z")),
                Optional.empty());
        awaitSeen(ven, seen, 2);
        assertThat(seen.get(seen.size() - 1).window().end())
            .as("the extension reaches the partner")
            .isEqualTo(Instant.parse("2019-08-02T04:00:00Z"));

        service.events().cancel(e.id());
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until && pollEvents(ven) > 0) {
          Thread.sleep(200);
        }
        assertThat(pollEvents(ven)).as("a cancelled event is gone from the VTN").isZero();
      }
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static int pollEvents(Ven ven) {
    assertThat(ven.pollNow().ok()).isTrue();
    return ven.events().size();
  }

  private static void awaitSeen(Ven ven, List<OpenAdrEvent> seen, int n) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (seen.size() < n && System.nanoTime() < until) {
      assertThat(ven.pollNow().ok()).isTrue();
      Thread.sleep(200);
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(n);
  }

  private static Program byo() {
    return new Program(
        "byo",
        "Bring your own battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("fontana"),
        Power.ofKilowatts(1000),
        1000,
        new EventLimits(
            new Interval(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(120))),
            20,
            Duration.ofHours(4),
            Duration.ofHours(60),
            Duration.ofHours(0)),
        Incentives.none(Money.USD).withPerKwh(Money.usd("2.00")),
        new OptOutRules(3, Duration.ofHours(1), false),
        Set.of());
  }
}
