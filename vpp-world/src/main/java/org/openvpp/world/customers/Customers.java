package org.openvpp.world.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.openvpp.greenbutton.GreenButtonWriter;
import org.openvpp.meter.MeterReading;
import org.openvpp.sim.fleet.Season;
import org.openvpp.world.api.ServiceApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world's customers and their utility, acting on the service only through its API, at the
 * world's times:
 *
 * <ul>
 *   <li>before the season, the utility moves its existing program over: the customers signed up by
 *       then are imported from CSV in one request (customers, sites, devices, consents,
 *       enrolments), each then bringing its meter history as a Green Button file;
 *   <li>the others sign up during the season's first days, one by one: customer, site, devices
 *       linked, consent (control and meter data; some with an expiry that lapses in the season),
 *       enrolments, and their history as Green Button up to that day;
 *   <li>some withdraw their enrolments during the season;
 *   <li>some opt out of the events they are told of (the service's event list, read every 15
 *       minutes), before the program's cutoff.
 * </ul>
 *
 * <p>Every choice is drawn from the world's seed, so a world with the same seed does the same.
 * Threads: the world's.
 */
public final class Customers {
  private static final Logger LOG = LoggerFactory.getLogger(Customers.class);
  private static final Duration INTERVAL = Duration.ofMinutes(15);
  // POST /imports takes at most 10,000 rows (docs/api.md).
  private static final int IMPORT_ROWS = 10_000;

  private enum Kind {
    SIGNUP,
    WITHDRAW
  }

  private record Due(Instant at, Kind kind, Home home) {}

  private final ServiceApi api;
  private final List<Home> homes;
  private final ZoneId zone;
  private final Season season;
  private final BiFunction<Home, Instant, List<MeterReading>> history;
  private long historyIntervals;
  private final Map<String, Long> historyBySite = new java.util.HashMap<>();
  private final TreeMap<Instant, List<Due>> due = new TreeMap<>();
  private final Map<String, Instant> expiryOf = new HashMap<>();
  private final Map<String, List<String>> enrolmentsOf = new LinkedHashMap<>();
  private final Set<String> signedUp = new HashSet<>();
  private final Set<String> seenEvents = new HashSet<>();
  private final Set<String> withdrawnSites = new HashSet<>();
  private final Set<String> optOutsOf = new HashSet<>(); // "programId|start|siteId"
  private final SplittableRandom optOuts;
  private final List<Home> atStart = new ArrayList<>();
  private int optedOut;
  private int withdrawn;

  /**
   * @param history a home's meter readings from the start of the world's history to an instant
   *     (what it brings as Green Button)
   */
  public Customers(
      ServiceApi api,
      List<Home> homes,
      ZoneId zone,
      Season season,
      long seed,
      Instant first,
      BiFunction<Home, Instant, List<MeterReading>> history) {
    this.api = api;
    this.homes = List.copyOf(homes);
    this.zone = zone;
    this.season = season;
    this.history = history;
    this.optOuts = new SplittableRandom(seed ^ 0x6f70742d6f7574L);
    SplittableRandom r = new SplittableRandom(seed ^ 0x637573746f6d6572L);
    Season.Signups s = season.signups();
    long seasonSeconds = Duration.ofDays(season.days()).toSeconds();
    for (Home h : homes) {
      // Draws in a fixed order per home, whatever the shares.
      boolean early = r.nextDouble() < s.atStart();
      long joinMinute = r.nextLong(Math.max(1, s.spreadDays() * 24L * 60));
      boolean lapses = r.nextDouble() < s.lapse();
      long lapseAt = r.nextLong(Math.max(1, seasonSeconds));
      boolean leaves = r.nextDouble() < s.withdraw();
      long leaveAt = r.nextLong(Math.max(1, seasonSeconds));
      Instant join = early ? first : first.plus(Duration.ofMinutes(joinMinute));
      if (lapses) {
        expiryOf.put(h.siteId(), first.plusSeconds(lapseAt));
      }
      if (early) {
        atStart.add(h);
      } else {
        add(new Due(join, Kind.SIGNUP, h));
      }
      Instant leave = first.plusSeconds(leaveAt);
      if (leaves && leave.isAfter(join)) {
        add(new Due(leave, Kind.WITHDRAW, h));
      }
    }
  }

  private void add(Due d) {
    due.computeIfAbsent(d.at(), k -> new ArrayList<>()).add(d);
  }

  /**
   * Before the season: the customers signed up by then, moved over from the utility's program as
   * one CSV import, each with its meter history.
   */
  public void importAtStart(Instant now) {
    if (atStart.isEmpty()) {
      return;
    }
    String header =
        "customer_id,customer_name,site_id,meter_id,region,feeder,device_id,device_kind,"
            + "capacity_kw,program_id,consent_scopes,consent_expires\n";
    // The API takes at most IMPORT_ROWS rows an import: a large fleet goes in parts, each home
    // whole in one part.
    StringBuilder csv = new StringBuilder(header);
    int rows = 0;
    int parts = 0;
    int homes = 0;
    for (Home h : atStart) {
      if (rows > 0 && rows + h.devices().size() > IMPORT_ROWS) {
        upload(csv, homes, ++parts);
        csv = new StringBuilder(header);
        rows = 0;
        homes = 0;
      }
      String expires =
          Optional.ofNullable(expiryOf.get(h.siteId())).map(Instant::toString).orElse("");
      for (Home.Device d : h.devices()) {
        csv.append(
            String.join(
                ",",
                h.customerId(),
                h.name(),
                h.siteId(),
                h.meterId(),
                h.region(),
                h.feeder(),
                d.id(),
                d.kind(),
                Double.toString(d.capacityKw()),
                d.program(),
                d.enrols() ? "control+meter_data" : "",
                d.enrols() ? expires : ""));
        csv.append('\n');
        rows++;
      }
      homes++;
    }
    if (rows > 0) {
      upload(csv, homes, ++parts);
    }
    for (Home h : atStart) {
      signedUp.add(h.siteId());
      bringHistory(h, now);
    }
    // the import's enrolments, by site, for later withdrawals
    JsonNode list = api.must(api.get("/api/v1/enrolments?limit=500"), "the enrolments");
    for (int offset = 0; ; offset += 500) {
      JsonNode page =
          offset == 0
              ? list
              : api.must(
                  api.get("/api/v1/enrolments?limit=500&offset=" + offset), "the enrolments");
      JsonNode items = page.has("items") ? page.path("items") : page;
      for (JsonNode e : items) {
        enrolmentsOf
            .computeIfAbsent(e.path("siteId").asText(), k -> new ArrayList<>())
            .add(e.path("id").asText());
      }
      if (items.size() < 500) {
        break;
      }
    }
    LOG.info("{} customers moved over from the utility's program", atStart.size());
  }

  private void upload(StringBuilder csv, int homes, int part) {
    ServiceApi.Answer a =
        api.upload("/api/v1/imports", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    api.must(a, "the utility's CSV import (part " + part + ", " + homes + " customers)");
  }

  /** Does what the customers do at {@code now} (the world's time). */
  public void due(Instant now) {
    while (!due.isEmpty() && !due.firstKey().isAfter(now)) {
      for (Due d : due.pollFirstEntry().getValue()) {
        try {
          switch (d.kind()) {
            case SIGNUP -> signUp(d.home(), now);
            case WITHDRAW -> withdraw(d.home());
          }
        } catch (RuntimeException e) {
          LOG.warn("customer {}: {}", d.home().customerId(), e.getMessage());
        }
      }
    }
    if (now.getEpochSecond() % INTERVAL.toSeconds() == 0) {
      optOut();
    }
  }

  private void signUp(Home h, Instant now) {
    ObjectNode c = api.json().createObjectNode().put("id", h.customerId()).put("name", h.name());
    api.must(api.post("/api/v1/customers", c), "sign-up of " + h.customerId());
    ObjectNode s =
        api.json()
            .createObjectNode()
            .put("id", h.siteId())
            .put("customerId", h.customerId())
            .put("meterId", h.meterId())
            .put("region", h.region())
            .put("feeder", h.feeder());
    api.must(api.post("/api/v1/sites", s), "site of " + h.customerId());
    for (Home.Device d : h.devices()) {
      ObjectNode link =
          api.json()
              .createObjectNode()
              .put("deviceId", d.id())
              .put("kind", d.kind())
              .put("capacityKw", d.capacityKw());
      api.must(api.post("/api/v1/sites/" + h.siteId() + "/devices", link), "device " + d.id());
    }
    ObjectNode consent = api.json().createObjectNode().put("siteId", h.siteId());
    ArrayNode scopes = consent.putArray("scopes");
    scopes.add("CONTROL");
    scopes.add("METER_DATA");
    Instant expires = expiryOf.get(h.siteId());
    if (expires != null && expires.isAfter(now)) {
      consent.put("expires", expires.toString());
    }
    String consentId =
        api.must(api.post("/api/v1/consents", consent), "consent of " + h.siteId())
            .path("id")
            .asText();
    Map<String, List<String>> byProgram = new LinkedHashMap<>();
    for (Home.Device d : h.devices()) {
      if (d.enrols()) {
        byProgram.computeIfAbsent(d.program(), k -> new ArrayList<>()).add(d.id());
      }
    }
    for (Map.Entry<String, List<String>> e : byProgram.entrySet()) {
      ObjectNode en =
          api.json()
              .createObjectNode()
              .put("programId", e.getKey())
              .put("siteId", h.siteId())
              .put("consentId", consentId);
      ArrayNode ids = en.putArray("deviceIds");
      e.getValue().forEach(ids::add);
      ServiceApi.Answer a = api.post("/api/v1/enrolments", en);
      if (a.ok()) {
        enrolmentsOf
            .computeIfAbsent(h.siteId(), k -> new ArrayList<>())
            .add(a.body().path("id").asText());
      } else {
        LOG.info("enrolment of {} in {} refused: {}", h.siteId(), e.getKey(), a.message());
      }
    }
    signedUp.add(h.siteId());
    bringHistory(h, now);
  }

  private void bringHistory(Home h, Instant now) {
    List<MeterReading> readings = history.apply(h, now);
    if (readings.isEmpty()) {
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(readings.size() * 120);
    try {
      new GreenButtonWriter(h.name() + " site meter", zone).write(readings, now, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServiceApi.Answer a =
        api.upload(
            "/api/v1/sites/" + h.siteId() + "/meter-data",
            "application/atom+xml",
            out.toByteArray());
    historyIntervals += readings.size();
    historyBySite.merge(h.siteId(), (long) readings.size(), Long::sum);
    if (!a.ok()) {
      LOG.warn("meter history of {} refused: {}", h.siteId(), a.message());
    }
  }

  /** The intervals of {@code h}'s Green Button files uploaded, accepted or not. */
  public long historyIntervalsSent(Home h) {
    return historyBySite.getOrDefault(h.siteId(), 0L);
  }

  /** The intervals of every Green Button file uploaded, accepted or not. */
  public long historyIntervalsSent() {
    return historyIntervals;
  }

  private void withdraw(Home h) {
    withdrawnSites.add(h.siteId());
    for (String id : enrolmentsOf.getOrDefault(h.siteId(), List.of())) {
      ServiceApi.Answer a =
          api.post("/api/v1/enrolments/" + id + "/withdrawal", api.json().createObjectNode());
      withdrawn += a.ok() ? 1 : 0;
    }
  }

  /** Participants told of a new event opt out of it by chance, before its cutoff. */
  private void optOut() {
    if (season.signups().optOut() <= 0) {
      return;
    }
    JsonNode page = api.get("/api/v1/events?state=scheduled&limit=500").body();
    JsonNode items = page.has("items") ? page.path("items") : page;
    for (JsonNode e : items) {
      String id = e.path("id").asText();
      if (!seenEvents.add(id)) {
        continue;
      }
      String event = e.path("programId").asText() + "|" + instant(e.path("start").asText()) + "|";
      for (Home h : homes) {
        if (!signedUp.contains(h.siteId()) || optOuts.nextDouble() >= season.signups().optOut()) {
          continue;
        }
        ObjectNode body = api.json().createObjectNode().put("siteId", h.siteId());
        ServiceApi.Answer a = api.post("/api/v1/events/" + id + "/opt-outs", body);
        if (a.ok()) {
          optedOut++;
          optOutsOf.add(event + h.siteId());
        }
      }
    }
  }

  /** Whether a home's customer has signed up (its meter reports from then on). */
  public boolean signedUp(Home h) {
    return signedUp.contains(h.siteId());
  }

  /** An instant as {@link Instant#toString} writes it, or the text as it is when it is none. */
  private static String instant(String text) {
    try {
      return Instant.parse(text).toString();
    } catch (java.time.format.DateTimeParseException e) {
      return text;
    }
  }

  /**
   * Whether {@code h}'s customer takes part in the event of {@code programId} that starts at {@code
   * start}: signed up, not withdrawn, consent in force then, and not opted out of it.
   */
  public boolean takesPart(Home h, String programId, Instant start) {
    Instant expires = expiryOf.get(h.siteId());
    return signedUp.contains(h.siteId())
        && !withdrawnSites.contains(h.siteId())
        && (expires == null || expires.isAfter(start))
        && !optOutsOf.contains(programId + "|" + start + "|" + h.siteId());
  }

  public int optedOut() {
    return optedOut;
  }

  public int withdrawn() {
    return withdrawn;
  }
}
