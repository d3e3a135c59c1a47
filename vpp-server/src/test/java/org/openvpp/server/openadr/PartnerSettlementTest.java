package org.openvpp.server.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.SitePerformance;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.openadr.auth.Role;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.MinuteSample;
import org.openvpp.server.run.RunReport;
import org.openvpp.settle.Account;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.Interval;
import org.openvpp.time.SimulationClock;
import org.openvpp.units.Money;

/**
 * A partner's device cloud, a VEN client of the run's own VTN, reports its resources' usage on the
 * run's event over real HTTP; the run measures it against its pre-event baseline and the settlement
 * pays it. The partner reports from the run's minute observer once the event is over, on the run's
 * thread, so the run is deterministic.
 */
class PartnerSettlementTest {

  private static final Scenario WINTER =
      ScenarioFile.load("winter-morning-ca").withHomes(6).withHours(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPartnersReportedUsageIsMeasuredAgainstItsBaselineAndPaid() throws Exception {
    Clients clients = new Clients(new SecureRandom(), 1_000);
    ClientCredentials cloud = clients.create(Role.VEN, "cloud-1");
    Path file = dir.resolve("clients.json");
    ClientsFile.save(file, clients);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    RunReport report;
    java.util.concurrent.atomic.AtomicReference<org.openvpp.server.api.FleetView> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (RunVtn vtn = RunVtn.start(0, true, file, out)) {
      Partner partner = new Partner(vtn.baseUrl(), cloud);
      report =
          new FleetRun(WINTER, SimData.load())
              .withPartners(vtn)
              .run(
                  SimulationClock.stepped(WINTER.start().toInstant(), WINTER.zone()),
                  partner::minute,
                  e -> {
                    vtn.publish(e);
                    partner.event = e;
                  },
                  last::set);
      assertThat(partner.posted).as("the partner reported once the event was over").isTrue();
    }
    // 2.0 kWh in each quarter hour before the event, 0.5 kWh in each of its twelve: 18 kWh
    // delivered against the pre-event baseline, paid at the program's 2.00 USD/kWh.
    String id = "partner:" + cloud.clientId();
    List<SitePerformance> partners = report.settlement().partners();
    assertThat(partners).hasSize(1);
    SitePerformance p = partners.get(0);
    assertThat(p.siteId()).isEqualTo(id);
    assertThat(p.baseline().kilowattHours()).isCloseTo(24.0, within(1e-9));
    assertThat(p.metered().kilowattHours()).isCloseTo(6.0, within(1e-9));
    assertThat(p.delivered().kilowattHours()).isCloseTo(18.0, within(1e-9));
    assertThat(report.settlement().ledger().balance(Account.participant(id)).negate())
        .isEqualTo(Money.usd("36.00"));
    assertThat(report.settlement().ledgerTotal()).isEqualTo(Money.zero(Money.USD));
    assertThat(report.settlement().statements())
        .anySatisfy(s -> assertThat(s.customerId()).isEqualTo(id));
    assertThat(report.settlement().partnerNotes()).isEmpty();
    // ... and into the twins: the partner's resources as one twin, its last reported interval's
    // mean power (0.5 kWh in a quarter hour: 2 kW), seen in the run's last view
    assertThat(last.get().devices())
        .filteredOn(d -> d.id().equals(id))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo("PARTNER_RESOURCE");
              assertThat(d.powerKw()).isCloseTo(2.0, within(1e-9));
              assertThat(d.customer()).isEmpty();
            });
  }

  /** The partner's device cloud: reports once the run's event is over, as a VEN client. */
  private final class Partner {
    private final URI vtn;
    private final ClientCredentials client;
    @Nullable GridEvent event;
    boolean posted;

    Partner(URI vtn, ClientCredentials client) {
      this.vtn = vtn;
      this.client = client;
    }

    void minute(MinuteSample sample) {
      GridEvent e = event;
      if (posted || e == null || sample.at().isBefore(e.window().end())) {
        return;
      }
      posted = true;
      try {
        String token = token();
        JsonNode events = call("GET", "/events", token, null);
        assertThat(events.size()).isEqualTo(1);
        ObjectNode body = JSON.createObjectNode();
        body.put("eventID", events.get(0).path("id").asText());
        body.put("clientName", "cloud-1");
        ObjectNode d = body.putArray("payloadDescriptors").addObject();
        d.put("objectType", "REPORT_PAYLOAD_DESCRIPTOR");
        d.put("payloadType", "USAGE");
        d.put("units", "KWH");
        ArrayNode intervals =
            body.putArray("resources")
                .addObject()
                .put("resourceName", "battery-1")
                .putArray("intervals");
        Duration q = FleetRun.INTERVAL;
        Instant from = e.window().start().minus(q.multipliedBy(4));
        int id = 0;
        for (Instant t = from; t.isBefore(e.window().end()); t = t.plus(q)) {
          ObjectNode i = intervals.addObject();
          i.put("id", id++);
          ObjectNode period = i.putObject("intervalPeriod");
          period.put("start", t.toString());
          period.put("duration", q.toString());
          ObjectNode usage = i.putArray("payloads").addObject();
          usage.put("type", "USAGE");
          usage.putArray("values").add(new Interval(t, t.plus(q)).overlaps(e.window()) ? 0.5 : 2.0);
        }
        call("POST", "/reports", token, body);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(x);
      }
    }

    private String token() throws IOException, InterruptedException {
      String form =
          "grant_type=client_credentials&client_id="
              + URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8)
              + "&client_secret="
              + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8);
      HttpResponse<String> a =
          http.send(
              HttpRequest.newBuilder(URI.create(vtn + "/auth/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
      return JSON.readTree(a.body()).path("access_token").asText();
    }

    private JsonNode call(String method, String path, String token, @Nullable ObjectNode body)
        throws IOException, InterruptedException {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(vtn + path))
              .header("Authorization", "Bearer " + token)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      HttpResponse<String> a = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(a.statusCode()).as(a.body()).isBetween(200, 201);
      return JSON.readTree(a.body());
    }
  }
}
