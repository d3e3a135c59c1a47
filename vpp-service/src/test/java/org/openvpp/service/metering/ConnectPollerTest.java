package org.openvpp.service.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.program.Consent;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.register.Register;
import org.openvpp.service.register.RegisterStores;

/** A configured Green Button Connect feed, polled on the service's clock into the meter history. */
class ConnectPollerTest {
  static final ZoneId NY = ZoneId.of("America/New_York");

  @Test
  void aFeedIsPolledWhenDueAndAsksOnlyForWhatChanged() throws Exception {
    byte[] sample;
    try (InputStream in =
        ConnectPollerTest.class.getResourceAsStream(
            "/org/openvpp/service/test_usage_data_10.xml")) {
      sample = Objects.requireNonNull(in).readAllBytes();
    }
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/espi/feed",
        x -> {
          queries.add(String.valueOf(x.getRequestURI().getQuery()));
          boolean authorised =
              "Bearer t0ken".equals(x.getRequestHeaders().getFirst("Authorization"));
          x.getResponseHeaders().set("Content-Type", "application/atom+xml");
          x.sendResponseHeaders(authorised ? 200 : 401, authorised ? sample.length : -1);
          if (authorised) {
            x.getResponseBody().write(sample);
          }
          x.close();
        });
    server.start();
    try {
      // the sample's readings are of 10-11 March 2012
      ServiceClock clock = ServiceClock.following(Instant.parse("2012-03-12T00:00:00Z"), NY);
      Register r = new Register(RegisterStores.inMemory(), clock);
      var c = r.addCustomer(Optional.empty(), "Front");
      var s = r.addSite(Optional.empty(), c.id(), "front-meter", "east", "f1");
      r.grantConsent(s.id(), "owner", Set.of(Consent.Scope.METER_DATA), Optional.empty());
      MemoryHistory history = new MemoryHistory();
      MeterDesk desk = new MeterDesk(r, history, clock);
      URI feed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/espi/feed");
      ConnectPoller poller =
          new ConnectPoller(
              List.of(new ConnectPoller.Feed(s.id(), feed, "t0ken")), r, desk, Duration.ofHours(1));

      assertThat(poller.pollIfDue(clock.instant())).isEqualTo(96);
      assertThat(desk.counts()).containsEntry(ReadingVerdict.ACCEPTED, 96L);
      // not due again for an hour
      clock.moveTo(clock.instant().plus(Duration.ofMinutes(30)));
      assertThat(poller.pollIfDue(clock.instant())).isZero();
      assertThat(queries).hasSize(1);
      clock.moveTo(clock.instant().plus(Duration.ofMinutes(31)));
      assertThat(poller.pollIfDue(clock.instant())).isZero(); // the same 96 again: duplicates
      assertThat(desk.counts()).containsEntry(ReadingVerdict.DUPLICATE, 96L);
      assertThat(queries).hasSize(2);
      assertThat(queries.get(0)).isEqualTo("null");
      assertThat(queries.get(1)).contains("updated-min=2012-03-12T00:00:00Z");
      assertThat(
              history.history(
                  List.of("front-meter"),
                  new org.openvpp.time.Interval(
                      Instant.parse("2012-03-10T05:00:00Z"), Instant.parse("2012-03-11T05:00:00Z")),
                  NY,
                  Duration.ofMinutes(15)))
          .extractingByKey("front-meter")
          .satisfies(m -> assertThat(m.kwh(0)).isEqualTo(0.323));
      assertThat(poller.polls()).isEqualTo(2);
      assertThat(Map.of()).isEmpty();
    } finally {
      server.stop(0);
    }
  }
}
