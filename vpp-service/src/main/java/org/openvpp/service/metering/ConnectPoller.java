package org.openvpp.service.metering;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.greenbutton.GreenButtonConnect;
import org.openvpp.greenbutton.GreenButtonException;
import org.openvpp.greenbutton.GreenButtonFeed;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.service.register.Register;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the Green Button Connect feeds the operator configured, one per site (the URL of the
 * customer's subscription feed and the access token the utility gave OpenVPP for it), and offers
 * what they hold to the {@link MeterDesk}, asking each time only for what changed since the last
 * good poll ({@code updated-min}). A feed with nothing new is not a failure; a failing feed is
 * logged once until it works again and tried at the next poll.
 *
 * <p>Threads: {@link #pollIfDue} on the control loop's (polls are due by the service's clock).
 */
public final class ConnectPoller {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectPoller.class);

  /**
   * One site's feed.
   *
   * @param siteId the site whose meter it reports
   * @param feed the subscription feed's URL
   * @param accessToken the bearer token for it
   */
  public record Feed(String siteId, URI feed, String accessToken) {
    public Feed {
      Objects.requireNonNull(siteId, "siteId");
      Objects.requireNonNull(feed, "feed");
      Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
      return "Feed[" + siteId + " " + feed + "]";
    }
  }

  private final List<Feed> feeds;
  private final Register register;
  private final MeterDesk desk;
  private final GreenButtonConnect client;
  private final Duration every;
  private final Map<String, Instant> lastGood = new HashMap<>();
  private final Map<String, Boolean> failing = new HashMap<>();
  private Instant next = Instant.MIN;
  private long polls;
  private long kept;

  public ConnectPoller(List<Feed> feeds, Register register, MeterDesk desk, Duration every) {
    this.feeds = List.copyOf(feeds);
    this.register = register;
    this.desk = desk;
    this.every = every;
    this.client =
        new GreenButtonConnect(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            Duration.ofSeconds(30));
  }

  /** Polls every feed if the poll period has passed since the last; returns readings kept. */
  public long pollIfDue(Instant now) {
    if (feeds.isEmpty() || now.isBefore(next)) {
      return 0;
    }
    next = now.plus(every);
    long before = kept;
    for (Feed f : feeds) {
      poll(f, now);
    }
    polls++;
    return kept - before;
  }

  private void poll(Feed f, Instant now) {
    Optional<String> meter = register.site(f.siteId()).map(s -> s.meterId());
    if (meter.isEmpty()) {
      warnOnce(f, "site " + f.siteId() + " is not in the register");
      return;
    }
    try {
      GreenButtonFeed got =
          client.fetch(f.feed(), f.accessToken(), Optional.ofNullable(lastGood.get(f.siteId())));
      List<MeterReading> readings = new ArrayList<>(got.readings(meter.get()));
      List<ReadingVerdict> v = desk.offer(readings);
      for (ReadingVerdict x : v) {
        kept += x == ReadingVerdict.ACCEPTED ? 1 : 0;
      }
      lastGood.put(f.siteId(), now);
      failing.remove(f.siteId());
    } catch (GreenButtonException e) {
      if (e.reason() == GreenButtonException.Reason.EMPTY) {
        lastGood.put(f.siteId(), now);
        failing.remove(f.siteId());
        return;
      }
      warnOnce(f, String.valueOf(e.getMessage()));
    }
  }

  private void warnOnce(Feed f, String why) {
    if (failing.put(f.siteId(), true) == null) {
      LOG.warn("Green Button feed of site {} at {}: {}", f.siteId(), f.feed(), why);
    }
  }

  /** Polls so far. */
  public long polls() {
    return polls;
  }

  /** Readings the feeds brought that were kept. */
  public long kept() {
    return kept;
  }
}
