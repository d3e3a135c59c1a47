package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.openadr.ven.EventListener;
import org.openvpp.openadr.ven.Exchange;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.RefusedEvent;
import org.openvpp.openadr.ven.ReportSource;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.openadr.ven.VenException;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * OpenVPP's VEN against this module's VTN over real HTTP: BL publishes a program and events as a
 * utility's business logic would; the VEN follows them by polling and by webhook, hands OpenVPP
 * events to its listener, and reports; BL reads the reports back. Every exchange of the VEN is
 * checked against the definition ({@link Api#conformance}).
 */
class VenEndToEndTest {

  private final VtnFixture vtn = new VtnFixture();
  private final List<String> nonConforming = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
  private final List<RefusedEvent> refused = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Ven> vens = new ArrayList<>();

  record Seen(EventListener.Change change, OpenAdrEvent event) {}

  private final EventListener listener =
      new EventListener() {
        @Override
        public void event(Change change, OpenAdrEvent event) {
          seen.add(new Seen(change, event));
        }

        @Override
        public void refused(RefusedEvent refusal) {
          refused.add(refusal);
        }
      };

  /** Metered values: 0.8 kWh used, 2.0 kWh baseline, 1.2 kW demand, in every interval. */
  private static final ReportSource METER =
      (event, request, interval) ->
          switch (request.payloadType()) {
            case "USAGE" -> OptionalDouble.of(0.8);
            case "BASELINE" -> OptionalDouble.of(2.0);
            case "DEMAND" -> OptionalDouble.of(1.2);
            default -> OptionalDouble.empty();
          };

  @AfterEach
  void stop() {
    vens.forEach(Ven::close);
    scheduler.shutdownNow();
    vtn.close();
  }

  private Ven ven(VenConfig config) {
    return ven(config, METER);
  }

  private Ven ven(VenConfig config, ReportSource meter) {
    Ven v =
        Ven.create(
            config,
            HttpClient.newHttpClient(),
            vtn.time,
            scheduler,
            listener,
            meter,
            x -> {
              exchanges.add(x);
              nonConforming.addAll(Api.conformance(x));
            });
    vens.add(v);
    return v;
  }

  private VenConfig config() {
    return VenConfig.of(
        vtn.vtn.baseUrl(),
        vtn.ven1.clientId(),
        vtn.ven1.clientSecret(),
        "openvpp",
        List.of("residential-peak"));
  }

  private String publishProgram() {
    return vtn.api
        .call(
            "POST",
            "/programs",
            "",
            vtn.blToken,
            Api.object("{\"programName\":\"residential-peak\"}"))
        .text("id");
  }

  private void grantTargets(Ven ven, String... targets) {
    String venId = ven.venId().orElseThrow();
    assertThat(
            vtn.api
                .call(
                    "PUT",
                    "/vens/{venID}",
                    venId,
                    vtn.blToken,
                    Bodies.venByBl("openvpp", vtn.ven1.clientId(), targets))
                .status())
        .isEqualTo(200);
  }

  static ObjectNode event(String programId, double limit, String... targets) {
    StringBuilder t = new StringBuilder();
    for (String s : targets) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(s).append('"');
    }
    return Api.object(
        """
        {"programID":"%s","eventName":"evening peak","priority":1,"targets":[%s],
         "reportDescriptors":[
           {"payloadType":"USAGE","readingType":"DIRECT_READ","units":"KWH"},
           {"payloadType":"BASELINE","readingType":"ESTIMATED","units":"KWH"},
           {"payloadType":"DEMAND","units":"KW"}],
         "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}],
         "intervalPeriod":{"start":"2026-07-01T17:00:00Z","duration":"PT1H"},
         "intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[3.5]}]},
                      {"id":1,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[%s]}]}]}
        """
            .formatted(programId, t, limit));
  }

  private Seen next() throws InterruptedException {
    Seen s = seen.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("an event reached the listener within 10 s").isNotNull();
    return java.util.Objects.requireNonNull(s);
  }

  @Test
  void aReportWaitsForItsValuesAndIsPostedOnceTheyAreThere() {
    String program = publishProgram();
    java.util.concurrent.atomic.AtomicBoolean metered =
        new java.util.concurrent.atomic.AtomicBoolean();
    Ven ven =
        ven(
            config(),
            (event, request, interval) ->
                metered.get() ? OptionalDouble.of(1.0) : OptionalDouble.empty());
    ven.connect();
    vtn.api.call("POST", "/events", "", vtn.blToken, event(program, 2.0));
    assertThat(ven.pollNow().ok()).isTrue();
    vtn.time.advance(Duration.ofHours(8));
    assertThat(ven.pollNow().ok()).isTrue();
    assertThat(ven.reportsPosted()).as("no meter data yet: nothing to post").isZero();
    metered.set(true);
    assertThat(ven.pollNow().ok()).isTrue();
    assertThat(ven.reportsPosted()).as("posted once the meter data is there").isEqualTo(1);
    ven.pollNow();
    assertThat(ven.reportsPosted()).isEqualTo(1);
    assertThat(nonConforming).isEmpty();
  }

  @Test
  void pollingFollowsAnEventItsUpdateAndCancellationAndReports() throws InterruptedException {
    String program = publishProgram();
    Ven ven = ven(config());
    ven.connect();
    grantTargets(ven, "group:north", "region:Fontana");
    String eventId =
        vtn.api
            .call(
                "POST",
                "/events",
                "",
                vtn.blToken,
                event(program, 2.0, "group:north", "region:Fontana"))
            .text("id");

    assertThat(ven.pollNow().ok()).isTrue();
    Seen created = next();
    assertThat(created.change()).isEqualTo(EventListener.Change.CREATED);
    OpenAdrEvent e = created.event();
    assertThat(e.id()).isEqualTo(eventId);
    assertThat(e.window())
        .isEqualTo(
            new Interval(
                Instant.parse("2026-07-01T17:00:00Z"), Instant.parse("2026-07-01T19:00:00Z")));
    assertThat(e.importLimit()).contains(Power.ofKilowatts(2.0));
    assertThat(e.targeting()).isEqualTo(Targeting.region("Fontana"));
    GridEvent grid = e.toGridEvent(vtn.time.instant()).orElseThrow();
    assertThat(grid.target()).isEqualTo(GroupId.of("north"));
    assertThat(grid.window()).isEqualTo(e.window());
    assertThat(grid.kind()).isEqualTo(GridEvent.Kind.PEAK_REDUCTION);
    assertThat(grid.source()).isEqualTo("openadr:residential-peak");

    // A second poll with nothing new hands nothing on.
    assertThat(ven.pollNow().ok()).isTrue();
    assertThat(seen).isEmpty();

    // BL changes the event: an update.
    vtn.time.advance(Duration.ofMinutes(1));
    assertThat(
            vtn.api
                .call(
                    "PUT",
                    "/events/{eventID}",
                    eventId,
                    vtn.blToken,
                    event(program, 1.5, "group:north", "region:Fontana"))
                .status())
        .isEqualTo(200);
    ven.pollNow();
    Seen updated = next();
    assertThat(updated.change()).isEqualTo(EventListener.Change.UPDATED);
    assertThat(updated.event().importLimit()).contains(Power.ofKilowatts(1.5));

    // After the event, the reports it asked for; BL reads them back. The tokens of an hour have
    // expired by then: the VEN gets a new one itself.
    vtn.time.advance(Duration.ofHours(8));
    String bl = vtn.api.tokenFor(vtn.bl.clientId(), vtn.bl.clientSecret());
    ven.pollNow();
    assertThat(ven.reportsPosted()).isEqualTo(1);
    ven.pollNow();
    assertThat(ven.reportsPosted()).as("reported once").isEqualTo(1);
    JsonNode reports =
        vtn.api.call("GET", "/reports", "", "eventID=" + eventId, bl, null, true).body();
    assertThat(reports.size()).as(reports.toString()).isEqualTo(1);
    JsonNode report = reports.get(0);
    assertThat(report.path("clientID").asText()).isEqualTo(vtn.ven1.clientId());
    JsonNode intervals = report.path("resources").get(0).path("intervals");
    assertThat(intervals.size()).isEqualTo(2);
    List<String> types = new ArrayList<>();
    intervals
        .get(1)
        .path("payloads")
        .forEach(
            p -> types.add(p.path("type").asText() + "=" + p.path("values").get(0).asDouble()));
    assertThat(types).containsExactly("USAGE=0.8", "BASELINE=2.0", "DEMAND=1.2");

    // BL deletes the event: a cancellation.
    vtn.api.call("DELETE", "/events/{eventID}", eventId, bl, null);
    ven.pollNow();
    Seen cancelled = next();
    assertThat(cancelled.change()).isEqualTo(EventListener.Change.CANCELLED);
    assertThat(cancelled.event().id()).isEqualTo(eventId);
    assertThat(ven.events()).isEmpty();

    assertThat(nonConforming).isEmpty();
    assertThat(exchanges)
        .extracting(x -> x.method() + " " + x.operation())
        .contains(
            "GET /auth/server",
            "POST /auth/token",
            "GET /vens",
            "POST /vens",
            "POST /resources",
            "GET /vens/{venID}",
            "GET /programs",
            "GET /events",
            "POST /reports");
  }

  @Test
  void aTargetedEventIsSeenOnlyOnceItsTargetIsGranted() {
    String program = publishProgram();
    Ven ven = ven(config());
    ven.connect();
    vtn.api.call("POST", "/events", "", vtn.blToken, event(program, 2.0, "group:south"));
    ven.pollNow();
    assertThat(ven.events()).isEmpty();
    grantTargets(ven, "group:south");
    ven.pollNow();
    assertThat(ven.events()).hasSize(1);
    assertThat(ven.events().get(0).group()).isEqualTo(GroupId.of("south"));
    assertThat(nonConforming).isEmpty();
  }

  @Test
  void aSubscriptionDeliversEventsAndTheirCancellationByWebhook() throws InterruptedException {
    String program = publishProgram();
    Ven ven =
        ven(
            config()
                .withCallback(
                    new VenConfig.Callback(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Optional.empty())));
    ven.connect();
    assertThat(ven.callbackUrl()).isPresent();
    String eventId =
        vtn.api.call("POST", "/events", "", vtn.blToken, event(program, 2.0)).text("id");
    Seen created = next();
    assertThat(created.change()).isEqualTo(EventListener.Change.CREATED);
    assertThat(created.event().id()).isEqualTo(eventId);
    assertThat(created.event().toGridEvent(vtn.time.instant()).orElseThrow().target())
        .isEqualTo(GroupId.FLEET);

    vtn.api.call("DELETE", "/events/{eventID}", eventId, vtn.blToken, null);
    Seen cancelled = next();
    assertThat(cancelled.change()).isEqualTo(EventListener.Change.CANCELLED);

    // A poll afterwards agrees with what the webhooks said.
    ven.pollNow();
    assertThat(seen).isEmpty();
    assertThat(exchanges)
        .extracting(x -> x.method() + " " + x.operation())
        .contains("GET /notifiers", "POST /subscriptions");
    assertThat(nonConforming).isEmpty();
  }

  @Test
  void badCredentialsAreAClearErrorAndStopTheVen() {
    Ven ven =
        ven(
            VenConfig.of(
                vtn.vtn.baseUrl(),
                vtn.ven1.clientId(),
                "not-the-secret",
                "openvpp",
                List.of("residential-peak")));
    assertThatThrownBy(ven::connect)
        .isInstanceOf(VenException.class)
        .hasMessageContaining("refused client " + vtn.ven1.clientId())
        .hasMessageContaining("invalid_client")
        .satisfies(
            e -> assertThat(((VenException) e).kind()).isEqualTo(VenException.Kind.CREDENTIALS));
    Ven.PollResult r = ven.pollNow();
    assertThat(r.ok()).isFalse();
    assertThat(r.next()).as("stopped").isEmpty();
    assertThat(nonConforming).isEmpty();
  }

  @Test
  void aVtnThatIsDownIsTriedAgainWithBackOff() {
    VtnFixture down = new VtnFixture();
    java.net.URI url = down.vtn.baseUrl();
    down.close();
    Ven ven =
        ven(
            VenConfig.of(url, "ven-x", "secret", "openvpp", List.of("residential-peak"))
                .withPolling(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    List<Optional<Duration>> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Ven.PollResult r = ven.pollNow();
      assertThat(r.ok()).isFalse();
      assertThat(r.message()).contains("cannot reach the VTN");
      waits.add(r.next());
    }
    assertThat(waits)
        .containsExactly(
            Optional.of(Duration.ofSeconds(20)),
            Optional.of(Duration.ofSeconds(40)),
            Optional.of(Duration.ofSeconds(60)),
            Optional.of(Duration.ofSeconds(60)),
            Optional.of(Duration.ofSeconds(60)));
  }

  @Test
  void aMalformedEventIsRefusedCountedOnceAndTheOthersStillArrive() throws InterruptedException {
    String program = publishProgram();
    Ven ven = ven(config());
    ven.connect();
    ObjectNode bad = event(program, 2.0);
    ((ObjectNode) bad.path("intervals").get(0).path("payloads").get(0))
        .putArray("values")
        .add("lots");
    String badId = vtn.api.call("POST", "/events", "", vtn.blToken, bad).text("id");
    vtn.api.call("POST", "/events", "", vtn.blToken, event(program, 2.0));
    ven.pollNow();
    ven.pollNow();
    assertThat(ven.refusedCount()).isEqualTo(1);
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).eventId()).isEqualTo(badId);
    assertThat(refused.get(0).getMessage())
        .contains("IMPORT_CAPACITY_LIMIT")
        .contains("not a number");
    assertThat(next().change()).isEqualTo(EventListener.Change.CREATED);
    assertThat(ven.events()).hasSize(1);
    assertThat(nonConforming).isEmpty();
  }

  @Test
  void startPollsOnTheScheduler() throws InterruptedException {
    String program = publishProgram();
    vtn.api.call("POST", "/events", "", vtn.blToken, event(program, 2.0));
    Ven ven = ven(config().withPolling(Duration.ofMillis(200), Duration.ofSeconds(1)));
    ven.start();
    assertThat(next().change()).isEqualTo(EventListener.Change.CREATED);
  }
}
