package org.openvpp.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvpp.greenbutton.GreenButtonException;
import org.openvpp.greenbutton.GreenButtonFeed;
import org.openvpp.greenbutton.GreenButtonReader;
import org.openvpp.greenbutton.Refusal;
import org.openvpp.greenbutton.UsagePoint;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.program.Site;
import org.openvpp.server.security.Principal;
import org.openvpp.service.Service;
import org.openvpp.time.Interval;

/**
 * A site's meter data: a Green Button (NAESB ESPI) file uploaded for it, each reading offered to
 * the service's meter desk (which keeps it or refuses it with its verdict), and the readings kept,
 * read back a month at most at a time.
 */
final class MeterDataRoutes {
  /** The most refused readings an answer lists; the counts say how many there were. */
  static final int MAX_LISTED = 200;

  /** The longest span one read returns. */
  static final Duration MAX_SPAN = Duration.ofDays(31);

  static final Duration GRID = Duration.ofMinutes(15);

  record RefusedReading(Instant start, String verdict, String message) {}

  record FileRefusal(int index, Optional<Instant> start, String verdict, String message) {}

  /**
   * What became of an upload.
   *
   * @param siteId the site
   * @param meterId its meter, which the readings were taken as
   * @param usagePoint the file's usage point read
   * @param offered readings offered to the desk
   * @param verdicts how many of each verdict ({@code accepted}, {@code duplicate}…)
   * @param refused the readings the desk refused (the first 200)
   * @param fileRefusals the readings the file itself left out (the first 200)
   */
  record Upload(
      String siteId,
      String meterId,
      String usagePoint,
      int offered,
      Map<String, Integer> verdicts,
      List<RefusedReading> refused,
      List<FileRefusal> fileRefusals) {}

  record Reading(Instant start, Instant end, double kwh) {}

  record Readings(
      String siteId,
      String meterId,
      Instant from,
      Instant to,
      int intervalMinutes,
      List<Reading> readings) {}

  private final Service service;
  private final Owners owners;

  MeterDataRoutes(Service service, Owners owners) {
    this.service = service;
    this.owners = owners;
  }

  void declare(Routes r) {
    r.post(
        "/api/v1/sites/{id}/meter-data",
        "meter-data.upload",
        Roles.ADMIN_AND_PARTICIPANTS,
        List.of("usagePoint"),
        this::upload);
    r.get(
        "/api/v1/sites/{id}/meter-data",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of("from", "to"),
        this::read);
  }

  private Routes.Answer upload(Context ctx, Principal p, Routes.Change c) {
    Site site = owners.site(p, ctx.pathParam("id"));
    c.target(site.id() + " meter " + site.meterId());
    Bodies.requireType(ctx, List.of("application/atom+xml", "application/xml", "text/xml"));
    byte[] bytes = Bodies.bytes(ctx, Bodies.XML_LIMIT);
    GreenButtonFeed feed;
    try {
      feed = new GreenButtonReader(Bodies.XML_LIMIT).read(new ByteArrayInputStream(bytes));
    } catch (GreenButtonException e) {
      throw new ApiError(
          e.reason() == GreenButtonException.Reason.TOO_LARGE ? 413 : 400,
          e.reason() == GreenButtonException.Reason.TOO_LARGE ? "too_large" : "bad_request",
          "the Green Button file was refused: " + e.getMessage(),
          Optional.of(e.reason().name()),
          List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> asked = Routes.param(ctx, "usagePoint");
    UsagePoint point;
    if (asked.isPresent()) {
      point =
          feed.usagePoint(asked.get())
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          "the file has no usage point '"
                              + asked.get()
                              + "'; it has "
                              + feed.usagePoints().stream().map(UsagePoint::href).toList()));
    } else {
      try {
        point = feed.only();
      } catch (GreenButtonException e) {
        throw new ApiError(
            400,
            "bad_request",
            String.valueOf(e.getMessage()) + " (?usagePoint=HREF)",
            Optional.of(e.reason().name()),
            List.of());
      }
    }
    List<MeterReading> readings = point.readings(site.meterId());
    List<ReadingVerdict> verdicts = service.meters().offer(readings);
    Map<ReadingVerdict, Integer> counts = new EnumMap<>(ReadingVerdict.class);
    List<RefusedReading> refused = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      ReadingVerdict v = verdicts.get(i);
      counts.merge(v, 1, Integer::sum);
      if (v != ReadingVerdict.ACCEPTED && refused.size() < MAX_LISTED) {
        refused.add(new RefusedReading(readings.get(i).start(), v.key(), message(v, site)));
      }
    }
    Map<String, Integer> byKey = new LinkedHashMap<>();
    counts.forEach((v, n) -> byKey.put(v.key(), n));
    c.target(site.id() + " meter " + site.meterId() + " " + byKey);
    int noConsent = counts.getOrDefault(ReadingVerdict.NO_CONSENT, 0);
    if (noConsent > 0 && noConsent == readings.size()) {
      throw ApiError.conflict(
          "none of the "
              + readings.size()
              + " readings was kept: the customer of site "
              + site.id()
              + " has no consent in force that lets OpenVPP read its meter data; grant one"
              + " (POST /api/v1/consents with scope METER_DATA) and upload again",
          "NO_CONSENT");
    }
    List<FileRefusal> fileRefusals =
        point.refusals().stream().limit(MAX_LISTED).map(MeterDataRoutes::fileRefusal).toList();
    return Routes.Answer.ok(
        new Upload(
            site.id(),
            site.meterId(),
            point.href(),
            readings.size(),
            byKey,
            refused,
            fileRefusals));
  }

  private static FileRefusal fileRefusal(Refusal r) {
    return new FileRefusal(r.index(), r.start(), r.verdict().key(), r.message());
  }

  private static String message(ReadingVerdict v, Site site) {
    return switch (v) {
      case DUPLICATE -> "the history holds a reading of this interval already (the first stays)";
      case FUTURE -> "the interval ends after the service's present";
      case NO_CONSENT -> "no consent to meter data in force for site " + site.id();
      case UNKNOWN_METER -> "no site has meter " + site.meterId();
      default -> v.key().replace('_', ' ').toLowerCase(Locale.ROOT);
    };
  }

  private Object read(Context ctx, Principal p) {
    Site site = owners.site(p, ctx.pathParam("id"));
    Instant now = service.clock().instant();
    Instant to = Routes.param(ctx, "to").map(t -> instant("to", t)).orElse(now);
    Instant from =
        Routes.param(ctx, "from").map(t -> instant("from", t)).orElse(to.minus(Duration.ofDays(1)));
    from = floor(from);
    to = ceil(to);
    if (!to.isAfter(from)) {
      throw ApiError.badRequest("to must be after from, were " + from + " and " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw ApiError.badRequest(
          "one request reads at most 31 days; from " + from + " to " + to + " is longer");
    }
    Map<String, MeterData> data =
        service
            .meters()
            .history()
            .history(List.of(site.meterId()), new Interval(from, to), service.clock().zone(), GRID);
    List<Reading> out = new ArrayList<>();
    MeterData m = data.get(site.meterId());
    if (m != null) {
      for (int i = 0; i < m.count(); i++) {
        if (m.hasReading(i)) {
          Instant s = m.startOf(i);
          out.add(new Reading(s, s.plus(GRID), m.kwh(i)));
        }
      }
    }
    return new Readings(site.id(), site.meterId(), from, to, (int) GRID.toMinutes(), out);
  }

  private static Instant instant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          name + " must be an ISO 8601 instant such as 2026-07-01T00:00:00Z, was '" + text + "'");
    }
  }

  private static Instant floor(Instant t) {
    long s = GRID.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  private static Instant ceil(Instant t) {
    Instant f = floor(t);
    return f.equals(t) ? t : f.plus(GRID);
  }
}
