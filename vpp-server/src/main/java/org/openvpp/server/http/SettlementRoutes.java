package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openvpp.mv.SitePerformance;
import org.openvpp.program.Customer;
import org.openvpp.service.Service;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.SiteResult;
import org.openvpp.service.settle.Invoice;
import org.openvpp.settle.CapacityAccreditation;
import org.openvpp.settle.Statement;
import org.openvpp.units.Energy;

/**
 * Money, read from the season's ledger: each participant's monthly statement (JSON, or CSV with
 * {@code Accept: text/csv}), every participant's summary for operators, the utility's monthly
 * invoice, and each program's capacity accreditation.
 */
final class SettlementRoutes {
  record Line(String transactionId, String kind, String reference, String amountUsd) {}

  record EventLine(
      String siteId, String eventId, double baselineKwh, double meteredKwh, double deliveredKwh) {}

  record StatementView(
      String customerId,
      String month,
      String openingUsd,
      String earnedUsd,
      String closingUsd,
      List<Line> lines,
      List<EventLine> events) {}

  record Summary(
      String customerId,
      String name,
      String month,
      String earnedUsd,
      String closingUsd,
      int lines) {}

  record InvoiceView(String buyer, String month, List<Line> lines, String totalUsd) {}

  record Accreditation(
      String programId,
      double enrolledKw,
      double availableKw,
      double deliveredKw,
      int events,
      double ratio,
      double accreditedKw,
      String summary) {}

  private final Service service;

  SettlementRoutes(Service service) {
    this.service = service;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/statements",
        Roles.OPERATORS,
        Page.params("month"),
        (ctx, p) -> {
          YearMonth month = month(ctx);
          List<Customer> all = service.register().customers();
          return Page.of(
              ctx,
              all,
              c -> {
                Statement s = statement(c.id(), month);
                return new Summary(
                    c.id(),
                    c.name(),
                    month.toString(),
                    Usd.text(s.earned()),
                    Usd.text(s.closing()),
                    s.lines().size());
              });
        });
    r.get(
        "/api/v1/statements/{customer}",
        Roles.OPERATORS_AND_PARTICIPANTS,
        List.of("month"),
        (ctx, p) -> {
          String customer = ctx.pathParam("customer");
          if (!Owners.sees(p, customer) || service.register().customer(customer).isEmpty()) {
            throw ApiError.notFound("no customer '" + customer + "'");
          }
          StatementView v = view(statement(customer, month(ctx)));
          if (wantsCsv(ctx)) {
            ctx.header(
                "Content-Disposition",
                "attachment; filename=\"statement-" + customer + "-" + v.month() + ".csv\"");
            return new Routes.Text("text/csv; charset=utf-8", csv(v));
          }
          return v;
        });
    r.get(
        "/api/v1/invoices/{month}",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          Invoice i = service.books().invoice(parseMonth(ctx.pathParam("month")));
          return new InvoiceView(
              i.buyer(),
              i.month().toString(),
              i.lines().stream()
                  .map(
                      l ->
                          new Line(
                              l.transactionId(),
                              l.kind().name(),
                              l.reference(),
                              Usd.text(l.amount())))
                  .toList(),
              Usd.text(i.total()));
        });
    r.get(
        "/api/v1/accreditation",
        Roles.OPERATORS_AND_PARTNERS,
        List.of(),
        (ctx, p) -> {
          List<Accreditation> out = new ArrayList<>();
          service.view().accreditation().values().stream()
              .sorted(java.util.Comparator.comparing(CapacityAccreditation::programId))
              .forEach(
                  a ->
                      out.add(
                          new Accreditation(
                              a.programId(),
                              a.enrolled().kilowatts(),
                              a.available().kilowatts(),
                              a.delivered().kilowatts(),
                              a.events(),
                              a.ratio(),
                              a.accredited().kilowatts(),
                              a.summary())));
          return new Items<>(service.view().at(), out);
        });
  }

  /** A list with the view's time. */
  record Items<T>(java.time.Instant at, List<T> items) {}

  private static boolean wantsCsv(Context ctx) {
    String accept = Objects.requireNonNullElse(ctx.header("Accept"), "");
    return accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  private YearMonth month(Context ctx) {
    return Routes.param(ctx, "month")
        .map(SettlementRoutes::parseMonth)
        .orElse(YearMonth.from(service.clock().instant().atZone(service.clock().zone())));
  }

  static YearMonth parseMonth(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("month must be YYYY-MM, such as 2026-07; was '" + text + "'");
    }
  }

  private Statement statement(String customer, YearMonth month) {
    List<SitePerformance> perf = new ArrayList<>();
    for (EventResult r : service.view().measurements()) {
      double hours = r.window().length().toSeconds() / 3600.0;
      long measured = r.count(SiteResult.Status.MEASURED);
      for (SiteResult s : r.sites()) {
        if (s.customerId().equals(customer) && s.status() == SiteResult.Status.MEASURED) {
          perf.add(
              new SitePerformance(
                  s.siteId(),
                  r.eventId(),
                  r.window(),
                  Energy.ofKilowattHours(s.baselineKwh()),
                  Energy.ofKilowattHours(s.meteredKwh()),
                  Energy.ofKilowattHours(measured == 0 ? 0 : r.committedKw() * hours / measured)));
        }
      }
    }
    return service.books().statement(customer, month, perf);
  }

  static StatementView view(Statement s) {
    return new StatementView(
        s.customerId(),
        s.month().toString(),
        Usd.text(s.opening()),
        Usd.text(s.earned()),
        Usd.text(s.closing()),
        s.lines().stream()
            .map(
                l ->
                    new Line(
                        l.transactionId(), l.kind().name(), l.reference(), Usd.text(l.amount())))
            .toList(),
        s.events().stream()
            .map(
                e ->
                    new EventLine(
                        e.siteId(),
                        e.eventId(),
                        e.baseline().kilowattHours(),
                        e.metered().kilowattHours(),
                        e.delivered().kilowattHours()))
            .toList());
  }

  /** The statement's lines as CSV (RFC 4180): transaction, kind, reference, amount. */
  static String csv(StatementView v) {
    StringBuilder b = new StringBuilder("transaction,kind,reference,amount\r\n");
    for (Line l : v.lines()) {
      b.append(cell(l.transactionId()))
          .append(',')
          .append(cell(l.kind()))
          .append(',')
          .append(cell(l.reference()))
          .append(',')
          .append(l.amountUsd())
          .append("\r\n");
    }
    return b.toString();
  }

  private static String cell(String s) {
    boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
    String safe = s;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      safe = "'" + s; // not a formula when opened in a spreadsheet
    }
    return quote || !safe.equals(s) ? "\"" + safe.replace("\"", "\"\"") + "\"" : s;
  }
}
