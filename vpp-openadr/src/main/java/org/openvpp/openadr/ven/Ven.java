package org.openvpp.openadr.ven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenADR 3 VEN: OpenVPP as a client of a utility's VTN.
 *
 * <p>Design note. On {@link #connect} the VEN gets a token by client credentials, finds its ven by
 * name or registers it (and its one resource, the fleet it reports for), and looks up the programs
 * it is told to follow by name; with a webhook receiver it subscribes to their events. Each {@link
 * #pollNow poll} reads the ven's granted targets again, then every event of each program (without
 * targets, and with the granted ones, since a VTN shows a targeted event only to a VEN that asks
 * for its targets), pages through them, and compares with what it saw before: new events are {@code
 * CREATED}, a changed {@code modificationDateTime} is {@code UPDATED}, an event gone is {@code
 * CANCELLED} (OpenADR 3 has no cancelled state: a BL cancels by deleting). Webhook notifications
 * take the same path, so the two never disagree; polling goes on beside webhooks as the safety net.
 * Events are read by {@link EventReader}; refused ones are logged, counted and told to the listener
 * once per version. Once an event has ended by the injected time, the reports it asks for are
 * posted once, with values from the {@link ReportSource} (asked again at each poll until it has
 * some: meter data comes late).
 *
 * <p>Failures: refused credentials stop the VEN (trying again would not help; the log says what to
 * fix); an unreachable VTN or a 5xx is tried again after the poll period doubled per failure up to
 * the configured maximum, with one log line per failure. Threads: the scheduler's thread polls, the
 * receiver's threads deliver notifications; both run under one lock, so the listener is called one
 * event at a time.
 */
public final class Ven implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ven.class);
  private static final int PAGE = 50;

  /** The outcome of one poll: whether it worked, and when the next is due (empty: stopped). */
  public record PollResult(boolean ok, Optional<Duration> next, String message) {}

  private final VenConfig config;
  private final InstantSource time;
  private final ScheduledExecutorService scheduler;
  private final EventListener listener;
  private final ReportSource reports;
  private final VtnClient vtn;
  private final Object lock = new Object();

  private @Nullable String venId;
  private List<String> granted = List.of();
  private final Map<String, String> programs = new LinkedHashMap<>();
  private final Set<String> missingPrograms = new HashSet<>();
  private final Map<String, OpenAdrEvent> known = new LinkedHashMap<>();
  private final Map<String, String> refusedVersions = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private final Set<String> waitingForValues = new HashSet<>();
  private final Set<String> subscribed = new HashSet<>();
  private final List<String> subscriptionIds = new ArrayList<>();
  private @Nullable WebhookReceiver receiver;
  private @Nullable ScheduledFuture<?> next;
  private int failures;
  private int refusedCount;
  private int reportsPosted;
  private boolean closed;

  private Ven(
      VenConfig config,
      HttpClient http,
      InstantSource time,
      ScheduledExecutorService scheduler,
      EventListener listener,
      ReportSource reports,
      Consumer<Exchange> observer) {
    this.config = config;
    this.time = time;
    this.scheduler = scheduler;
    this.listener = listener;
    this.reports = reports;
    this.vtn = new VtnClient(config, http, time, observer);
  }

  /**
   * A VEN that has not yet spoken to the VTN: {@link #start} polls on {@code scheduler}; tests call
   * {@link #connect} and {@link #pollNow} themselves. {@code observer} sees every exchange.
   */
  public static Ven create(
      VenConfig config,
      HttpClient http,
      InstantSource time,
      ScheduledExecutorService scheduler,
      EventListener listener,
      ReportSource reports,
      Consumer<Exchange> observer) {
    return new Ven(config, http, time, scheduler, listener, reports, observer);
  }

  /** Starts the webhook receiver (if configured) and polling, the first poll at once. */
  public void start() {
    synchronized (lock) {
      startReceiver();
      schedule(Duration.ZERO);
    }
  }

  /**
   * Gets a token, finds or registers the ven and its resource, looks up the programs and, with a
   * webhook receiver, subscribes to their events.
   *
   * @throws VenException if the VTN refuses the credentials, cannot be reached, or answers
   *     unexpectedly
   */
  public void connect() {
    synchronized (lock) {
      vtn.token();
      String id = findOrRegisterVen();
      ensureResource(id);
      refreshTargets(id);
      resolvePrograms();
      startReceiver();
      subscribe();
    }
  }

  /**
   * One poll: connects if need be, reads the events, posts the reports due. VTN failures are its
   * result, not exceptions; what the listener or the report source throws goes through.
   */
  public PollResult pollNow() {
    synchronized (lock) {
      try {
        if (venId == null || programs.size() < config.programNames().size()) {
          connect();
        } else {
          refreshTargets(venId);
        }
        for (Map.Entry<String, String> p : programs.entrySet()) {
          reconcile(p.getKey(), p.getValue(), fetchEvents(p.getKey()));
        }
        postDueReports();
        failures = 0;
        return new PollResult(true, Optional.of(config.pollPeriod()), "ok");
      } catch (VenException e) {
        if (e.kind() == VenException.Kind.CREDENTIALS) {
          LOG.error("OpenADR VEN {}: {}; the VEN stops", config.venName(), e.getMessage());
          return new PollResult(false, Optional.empty(), String.valueOf(e.getMessage()));
        }
        failures++;
        Duration wait = backoff();
        LOG.warn(
            "OpenADR VEN {}: VTN at {} failed (try {}): {}; next try in {}",
            config.venName(),
            config.vtn(),
            failures,
            e.getMessage(),
            wait);
        return new PollResult(false, Optional.of(wait), String.valueOf(e.getMessage()));
      }
    }
  }

  /** The events the VEN follows now, in the order first seen. */
  public List<OpenAdrEvent> events() {
    synchronized (lock) {
      return List.copyOf(known.values());
    }
  }

  /** The VTN's id of this VEN's ven, once connected. */
  public Optional<String> venId() {
    synchronized (lock) {
      return Optional.ofNullable(venId);
    }
  }

  /** Events refused so far (each version of an event counted once). */
  public int refusedCount() {
    synchronized (lock) {
      return refusedCount;
    }
  }

  /** Reports posted so far. */
  public int reportsPosted() {
    synchronized (lock) {
      return reportsPosted;
    }
  }

  /** The URL the VTN calls with notifications, when the VEN has a receiver running. */
  public Optional<java.net.URI> callbackUrl() {
    synchronized (lock) {
      WebhookReceiver r = receiver;
      return r == null ? Optional.empty() : Optional.of(r.url());
    }
  }

  /**
   * Handles a notification the VTN posted (the receiver calls this; so may a caller that receives
   * webhooks itself). Only events of followed programs count.
   */
  public void onNotification(JsonNode notification) {
    synchronized (lock) {
      if (!"EVENT".equals(notification.path("objectType").asText())) {
        return;
      }
      JsonNode object = notification.path("object");
      String program = object.path("programID").asText("");
      String name = programs.get(program);
      if (name == null) {
        return;
      }
      String id = object.path("id").asText("");
      switch (notification.path("operation").asText("")) {
        case "CREATE", "UPDATE" -> accept(object, name);
        case "DELETE" -> {
          OpenAdrEvent gone = known.remove(id);
          if (gone != null) {
            listener.event(EventListener.Change.CANCELLED, gone);
          }
        }
        default -> {}
      }
      postDueReports();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      ScheduledFuture<?> n = next;
      if (n != null) {
        n.cancel(false);
      }
      for (String s : subscriptionIds) {
        try {
          vtn.call("DELETE", "/subscriptions/{subscriptionID}", "/subscriptions/" + s, "", null);
        } catch (VenException e) {
          LOG.debug("subscription {} not deleted: {}", s, e.getMessage());
        }
      }
      subscriptionIds.clear();
      WebhookReceiver r = receiver;
      if (r != null) {
        r.close();
        receiver = null;
      }
    }
  }

  // ---- polling

  private void schedule(Duration delay) {
    if (closed) {
      return;
    }
    next =
        scheduler.schedule(
            () -> {
              PollResult r;
              try {
                r = pollNow();
              } catch (RuntimeException e) {
                // A listener or report source that throws must not end the polling.
                LOG.error("OpenADR VEN {}: a poll failed: {}", config.venName(), e.toString(), e);
                r = new PollResult(false, Optional.of(config.pollPeriod()), e.toString());
              }
              synchronized (lock) {
                r.next().ifPresent(this::schedule);
              }
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private Duration backoff() {
    Duration d = config.pollPeriod();
    for (int i = 1; i < failures && d.compareTo(config.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    d = d.multipliedBy(2);
    return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
  }

  private void reconcile(String programId, String programName, List<JsonNode> events) {
    Set<String> seen = new HashSet<>();
    for (JsonNode e : events) {
      seen.add(e.path("id").asText(""));
      accept(e, programName);
    }
    List<String> gone = new ArrayList<>();
    known.forEach(
        (id, e) -> {
          if (e.programId().equals(programId) && !seen.contains(id)) {
            gone.add(id);
          }
        });
    for (String id : gone) {
      OpenAdrEvent e = known.remove(id);
      if (e != null) {
        listener.event(EventListener.Change.CANCELLED, e);
      }
    }
    refusedVersions.keySet().retainAll(seen);
  }

  private void accept(JsonNode json, String programName) {
    String id = json.path("id").asText("");
    String version = json.path("modificationDateTime").asText("");
    OpenAdrEvent before = known.get(id);
    if (before != null && before.modified().toString().equals(normalise(version))) {
      return;
    }
    if (version.equals(refusedVersions.get(id))) {
      return;
    }
    try {
      OpenAdrEvent e = EventReader.read(json, programName, time.instant());
      known.put(id, e);
      refusedVersions.remove(id);
      listener.event(
          before == null ? EventListener.Change.CREATED : EventListener.Change.UPDATED, e);
    } catch (RefusedEvent r) {
      refusedVersions.put(id, version);
      refusedCount++;
      LOG.warn("OpenADR VEN {}: {}", config.venName(), r.getMessage());
      if (before != null) {
        // The new version cannot be acted on: the old one no longer holds.
        known.remove(id);
        listener.event(EventListener.Change.CANCELLED, before);
      }
      listener.refused(r);
    }
  }

  private static String normalise(String dateTime) {
    try {
      return Instant.parse(dateTime).toString();
    } catch (java.time.format.DateTimeParseException e) {
      return dateTime;
    }
  }

  private List<JsonNode> fetchEvents(String programId) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    String byProgram = "programID=" + enc(programId);
    page("/events", byProgram, out);
    if (config.version() == OpenAdrVersion.V3_1 && !granted.isEmpty()) {
      page("/events", byProgram + "&" + targetsQuery(), out);
    }
    return List.copyOf(out.values());
  }

  private void page(String collection, String query, Map<String, JsonNode> into) {
    for (int skip = 0; ; skip += PAGE) {
      String q = query + (query.isEmpty() ? "" : "&") + "skip=" + skip + "&limit=" + PAGE;
      VtnClient.Answer a = vtn.call("GET", collection, collection, q, null);
      if (a.status() != 200 || !a.body().isArray()) {
        throw new VenException(
            VenException.Kind.PROTOCOL,
            "GET " + collection + "?" + q + " answered " + a.status() + " " + a.body());
      }
      a.body().forEach(o -> into.put(o.path("id").asText(""), o));
      if (a.body().size() < PAGE) {
        return;
      }
    }
  }

  private String targetsQuery() {
    List<String> parts = new ArrayList<>();
    granted.forEach(t -> parts.add("targets=" + enc(t)));
    return String.join("&", parts);
  }

  // ---- connecting

  private String findOrRegisterVen() {
    String existing = venId;
    if (existing != null) {
      return existing;
    }
    Map<String, JsonNode> found = new LinkedHashMap<>();
    page("/vens", "venName=" + enc(config.venName()), found);
    if (!found.isEmpty()) {
      JsonNode v = found.values().iterator().next();
      venId = v.path("id").asText();
      LOG.info("OpenADR VEN {}: found ven {} on {}", config.venName(), venId, config.vtn());
      return v.path("id").asText();
    }
    ObjectNode body = VtnClient.JSON.createObjectNode();
    if (config.version() == OpenAdrVersion.V3_1) {
      body.put("objectType", "VEN_VEN_REQUEST");
    }
    body.put("venName", config.venName());
    VtnClient.Answer a = vtn.call("POST", "/vens", "/vens", "", body);
    if (a.status() != 201 || !a.body().path("id").isTextual()) {
      throw new VenException(
          VenException.Kind.PROTOCOL,
          "registering ven " + config.venName() + " answered " + a.status() + " " + a.body());
    }
    venId = a.body().path("id").asText();
    LOG.info("OpenADR VEN {}: registered as ven {} on {}", config.venName(), venId, config.vtn());
    return a.body().path("id").asText();
  }

  private void ensureResource(String ven) {
    boolean v31 = config.version() == OpenAdrVersion.V3_1;
    String collection = v31 ? "/resources" : "/vens/{venID}/resources";
    String path = v31 ? "/resources" : "/vens/" + ven + "/resources";
    String query =
        (v31 ? "venID=" + enc(ven) + "&" : "") + "resourceName=" + enc(config.resourceName());
    VtnClient.Answer found = vtn.call("GET", collection, path, query, null);
    if (found.status() == 200 && found.body().isArray() && !found.body().isEmpty()) {
      return;
    }
    ObjectNode body = VtnClient.JSON.createObjectNode();
    if (v31) {
      body.put("objectType", "VEN_RESOURCE_REQUEST");
    }
    body.put("resourceName", config.resourceName());
    body.put("venID", ven);
    VtnClient.Answer a = vtn.call("POST", collection, path, "", body);
    if (a.status() != 201 && a.status() != 409) {
      throw new VenException(
          VenException.Kind.PROTOCOL,
          "adding resource " + config.resourceName() + " answered " + a.status() + " " + a.body());
    }
  }

  private void refreshTargets(String ven) {
    VtnClient.Answer a = vtn.call("GET", "/vens/{venID}", "/vens/" + ven, "", null);
    if (a.status() == 404) {
      venId = null;
      throw new VenException(
          VenException.Kind.PROTOCOL,
          "ven " + ven + " is gone from the VTN; registering again next time");
    }
    Set<String> targets = new LinkedHashSet<>(EventReader.targets(a.body().path("targets")));
    if (config.version() == OpenAdrVersion.V3_1) {
      Map<String, JsonNode> resources = new LinkedHashMap<>();
      page("/resources", "venID=" + enc(ven), resources);
      resources.values().forEach(r -> targets.addAll(EventReader.targets(r.path("targets"))));
    }
    granted = List.copyOf(targets);
  }

  private void resolvePrograms() {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    page("/programs", "", found);
    if (config.version() == OpenAdrVersion.V3_1 && !granted.isEmpty()) {
      page("/programs", targetsQuery(), found);
    }
    for (JsonNode p : found.values()) {
      String name = p.path("programName").asText("");
      if (config.programNames().contains(name) && !programs.containsKey(p.path("id").asText())) {
        programs.put(p.path("id").asText(), name);
        missingPrograms.remove(name);
        LOG.info(
            "OpenADR VEN {}: follows program {} ({})",
            config.venName(),
            name,
            p.path("id").asText());
      }
    }
    for (String name : config.programNames()) {
      if (!programs.containsValue(name) && missingPrograms.add(name)) {
        LOG.warn(
            "OpenADR VEN {}: program {} is not on the VTN (or not shown to this VEN); looking again at each poll",
            config.venName(),
            name);
      }
    }
  }

  // ---- webhooks

  private void startReceiver() {
    if (receiver != null || config.callback().isEmpty()) {
      return;
    }
    receiver = WebhookReceiver.start(config.callback().get(), this::onNotification);
  }

  private void subscribe() {
    WebhookReceiver r = receiver;
    if (r == null) {
      return;
    }
    if (config.version() == OpenAdrVersion.V3_1 && subscribed.isEmpty()) {
      VtnClient.Answer n = vtn.call("GET", "/notifiers", "/notifiers", "", null);
      if (n.status() != 200 || !n.body().path("WEBHOOK").asBoolean(false)) {
        LOG.info("OpenADR VEN {}: the VTN offers no webhooks; polling only", config.venName());
        return;
      }
    }
    for (String program : programs.keySet()) {
      if (subscribed.contains(program)) {
        continue;
      }
      ObjectNode body = VtnClient.JSON.createObjectNode();
      body.put("clientName", config.venName());
      body.put("programID", program);
      ArrayNode ops = body.putArray("objectOperations");
      ObjectNode op = ops.addObject();
      op.putArray("objects").add("EVENT");
      op.putArray("operations").add("CREATE").add("UPDATE").add("DELETE");
      op.put("callbackUrl", r.url().toString());
      op.put("bearerToken", r.bearerToken());
      VtnClient.Answer a = vtn.call("POST", "/subscriptions", "/subscriptions", "", body);
      if (a.status() == 201) {
        subscribed.add(program);
        subscriptionIds.add(a.body().path("id").asText());
        LOG.info(
            "OpenADR VEN {}: subscribed to the events of {} at {}",
            config.venName(),
            programs.get(program),
            r.url());
      } else {
        LOG.warn(
            "OpenADR VEN {}: the VTN refused the subscription to {} ({} {}); polling only",
            config.venName(),
            programs.get(program),
            a.status(),
            a.body().path("detail").asText(""));
        subscribed.add(program);
      }
    }
  }

  // ---- reports

  private void postDueReports() {
    Instant now = time.instant();
    for (OpenAdrEvent e : known.values()) {
      if (e.reports().isEmpty() || reported.contains(e.id()) || now.isBefore(e.window().end())) {
        continue;
      }
      Optional<ObjectNode> body = report(e);
      if (body.isEmpty()) {
        // Meter data comes late: asked again at the next poll, said once.
        if (waitingForValues.add(e.id())) {
          LOG.info(
              "OpenADR VEN {}: no values yet to report on event {}; asking again at each poll",
              config.venName(),
              e.id());
        }
        continue;
      }
      reported.add(e.id());
      VtnClient.Answer a = vtn.call("POST", "/reports", "/reports", "", body.get());
      if (a.status() == 201) {
        reportsPosted++;
        LOG.info(
            "OpenADR VEN {}: reported {} on event {}", config.venName(), payloadTypes(e), e.id());
      } else {
        LOG.warn(
            "OpenADR VEN {}: the VTN refused the report on event {}: {} {}",
            config.venName(),
            e.id(),
            a.status(),
            a.body());
      }
    }
  }

  private static List<String> payloadTypes(OpenAdrEvent e) {
    return e.reports().stream().map(ReportRequest::payloadType).distinct().toList();
  }

  private Optional<ObjectNode> report(OpenAdrEvent e) {
    ObjectNode body = VtnClient.JSON.createObjectNode();
    if (config.version() == OpenAdrVersion.V3_0_1) {
      body.put("programID", e.programId());
    }
    body.put("eventID", e.id());
    body.put("clientName", config.venName());
    body.put("reportName", "openvpp " + e.eventName());
    ArrayNode descriptors = body.putArray("payloadDescriptors");
    List<ReportRequest> asked = new ArrayList<>();
    for (ReportRequest r : e.reports()) {
      if (asked.stream().anyMatch(x -> x.payloadType().equals(r.payloadType()))) {
        continue;
      }
      asked.add(r);
      ObjectNode d = descriptors.addObject();
      d.put("objectType", "REPORT_PAYLOAD_DESCRIPTOR");
      d.put("payloadType", r.payloadType());
      if (!r.readingType().isEmpty()) {
        d.put("readingType", r.readingType());
      }
      if (!r.units().isEmpty()) {
        d.put("units", r.units());
      }
    }
    ObjectNode resource = body.putArray("resources").addObject();
    resource.put("resourceName", config.resourceName());
    ArrayNode intervals = resource.putArray("intervals");
    for (EventInterval i : e.intervals()) {
      ArrayNode payloads = VtnClient.JSON.createArrayNode();
      for (ReportRequest r : asked) {
        OptionalDouble v = reports.value(e, r, i);
        if (v.isPresent()) {
          ObjectNode p = payloads.addObject();
          p.put("type", r.payloadType());
          p.putArray("values").add(v.getAsDouble());
        }
      }
      if (payloads.isEmpty()) {
        continue;
      }
      ObjectNode interval = intervals.addObject();
      interval.put("id", i.id());
      ObjectNode period = interval.putObject("intervalPeriod");
      period.put("start", i.window().start().toString());
      period.put("duration", i.window().length().toString());
      interval.set("payloads", payloads);
    }
    return intervals.isEmpty() ? Optional.empty() : Optional.of(body);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
