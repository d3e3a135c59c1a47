package org.openvpp.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOut;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Site;
import org.openvpp.program.SiteDevice;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The mappings of the program records to their tables (db/migration/common/V1__programs.sql). Every
 * field has a typed column or a child table; nothing is serialised. Durations are kept as ISO-8601
 * text and money and fractions as exact decimal text (both round-trip exactly, and nothing queries
 * them); instants as {@code TIMESTAMP WITH TIME ZONE}; power in watts as a double.
 */
final class ProgramTables {
  private ProgramTables() {}

  static final Table<Customer> CUSTOMERS =
      new Table<>() {
        @Override
        public String name() {
          return "customer";
        }

        @Override
        public List<String> columns() {
          return List.of("id", "name");
        }

        @Override
        public void bind(Sql.Binder b, Customer v) throws SQLException {
          b.string(v.id()).string(v.name());
        }

        @Override
        public Customer read(ResultSet rs, Children children) throws SQLException {
          return new Customer(Sql.string(rs, "id"), Sql.string(rs, "name"));
        }
      };

  static final Table<Site> SITES =
      new Table<>() {
        @Override
        public String name() {
          return "site";
        }

        @Override
        public List<String> columns() {
          return List.of("id", "customer_id", "meter_id", "feeder", "region");
        }

        @Override
        public void bind(Sql.Binder b, Site v) throws SQLException {
          b.string(v.id())
              .string(v.customerId())
              .string(v.meterId())
              .string(v.feeder())
              .string(v.region());
        }

        @Override
        public Site read(ResultSet rs, Children children) throws SQLException {
          return new Site(
              Sql.string(rs, "id"),
              Sql.string(rs, "customer_id"),
              Sql.string(rs, "meter_id"),
              Sql.string(rs, "feeder"),
              Sql.string(rs, "region"));
        }
      };

  static final Table<SiteDevice> SITE_DEVICES =
      new Table<>() {
        @Override
        public String name() {
          return "site_device";
        }

        @Override
        public List<String> columns() {
          return List.of("id", "site_id", "kind", "capacity_w", "linked_at");
        }

        @Override
        public void bind(Sql.Binder b, SiteDevice v) throws SQLException {
          b.string(v.id().value())
              .string(v.siteId())
              .string(v.kind().name())
              .number(v.capacity().watts())
              .time(v.linkedAt(), "device " + v.id() + " linked at");
        }

        @Override
        public SiteDevice read(ResultSet rs, Children children) throws SQLException {
          return new SiteDevice(
              DeviceId.of(Sql.string(rs, "id")),
              Sql.string(rs, "site_id"),
              DeviceKind.valueOf(Sql.string(rs, "kind")),
              Power.ofWatts(rs.getDouble("capacity_w")),
              Sql.instant(rs, "linked_at"));
        }
      };

  static final Table<Consent> CONSENTS =
      new Table<>() {
        @Override
        public String name() {
          return "consent";
        }

        @Override
        public List<String> columns() {
          return List.of(
              "id",
              "site_id",
              "granted_by",
              "granted_at",
              "scope_control",
              "scope_meter_data",
              "expires",
              "revoked_at");
        }

        @Override
        public void bind(Sql.Binder b, Consent v) throws SQLException {
          boolean control = false;
          boolean meterData = false;
          for (Consent.Scope s : v.scopes()) {
            switch (s) {
              case CONTROL -> control = true;
              case METER_DATA -> meterData = true;
            }
          }
          b.string(v.id())
              .string(v.siteId())
              .string(v.grantedBy())
              .time(v.grantedAt(), "consent " + v.id() + " grantedAt")
              .bool(control)
              .bool(meterData)
              .time(v.expires(), "consent " + v.id() + " expires")
              .time(v.revokedAt(), "consent " + v.id() + " revokedAt");
        }

        @Override
        public Consent read(ResultSet rs, Children children) throws SQLException {
          Set<Consent.Scope> scopes = EnumSet.noneOf(Consent.Scope.class);
          if (rs.getBoolean("scope_control")) {
            scopes.add(Consent.Scope.CONTROL);
          }
          if (rs.getBoolean("scope_meter_data")) {
            scopes.add(Consent.Scope.METER_DATA);
          }
          return new Consent(
              Sql.string(rs, "id"),
              Sql.string(rs, "site_id"),
              Sql.string(rs, "granted_by"),
              Sql.instant(rs, "granted_at"),
              scopes,
              Sql.optionalInstant(rs, "expires"),
              Sql.optionalInstant(rs, "revoked_at"));
        }
      };

  static final Table.Child<Enrolment, EnrolledDevice> ENROLLED_DEVICES =
      new Table.Child<>(
          "enrolment_device",
          List.of("device_id", "kind", "capacity_w"),
          Enrolment::devices,
          (b, d) -> b.string(d.id().value()).string(d.kind().name()).number(d.capacity().watts()),
          rs ->
              new EnrolledDevice(
                  DeviceId.of(Sql.string(rs, "device_id")),
                  DeviceKind.valueOf(Sql.string(rs, "kind")),
                  Power.ofWatts(rs.getDouble("capacity_w"))));

  static final Table<Enrolment> ENROLMENTS =
      new Table<>() {
        @Override
        public String name() {
          return "enrolment";
        }

        @Override
        public List<String> columns() {
          return List.of(
              "id",
              "program_id",
              "site_id",
              "consent_id",
              "requested_at",
              "enrolled_at",
              "withdrawn_at");
        }

        @Override
        public void bind(Sql.Binder b, Enrolment v) throws SQLException {
          b.string(v.id())
              .string(v.programId())
              .string(v.siteId())
              .string(v.consentId())
              .time(v.requestedAt(), "enrolment " + v.id() + " requestedAt")
              .time(v.enrolledAt(), "enrolment " + v.id() + " enrolledAt")
              .time(v.withdrawnAt(), "enrolment " + v.id() + " withdrawnAt");
        }

        @Override
        public Enrolment read(ResultSet rs, Children children) throws SQLException {
          return new Enrolment(
              Sql.string(rs, "id"),
              Sql.string(rs, "program_id"),
              Sql.string(rs, "site_id"),
              children.of(ENROLLED_DEVICES, Sql.string(rs, "store_key")),
              Sql.string(rs, "consent_id"),
              Sql.instant(rs, "requested_at"),
              Sql.optionalInstant(rs, "enrolled_at"),
              Sql.optionalInstant(rs, "withdrawn_at"));
        }

        @Override
        public List<Child<Enrolment, ?>> children() {
          return List.of(ENROLLED_DEVICES);
        }
      };

  static final Table<ProgramEvent> EVENTS =
      new Table<>() {
        @Override
        public String name() {
          return "program_event";
        }

        @Override
        public List<String> columns() {
          return List.of(
              "id",
              "program_id",
              "source",
              "window_start",
              "window_end",
              "target_region",
              "target_feeder",
              "requested_w",
              "created_at",
              "state",
              "state_since");
        }

        @Override
        public void bind(Sql.Binder b, ProgramEvent v) throws SQLException {
          String what = "event " + v.id();
          b.string(v.id())
              .string(v.programId())
              .string(v.source().name())
              .time(v.window().start(), what + " start")
              .time(v.window().end(), what + " end")
              .string(v.targeting().region())
              .string(v.targeting().feeder())
              .number(v.requested().map(Power::watts))
              .time(v.createdAt(), what + " createdAt")
              .string(v.state().name())
              .time(v.stateSince(), what + " stateSince");
        }

        @Override
        public ProgramEvent read(ResultSet rs, Children children) throws SQLException {
          return new ProgramEvent(
              Sql.string(rs, "id"),
              Sql.string(rs, "program_id"),
              EventSource.valueOf(Sql.string(rs, "source")),
              new Interval(Sql.instant(rs, "window_start"), Sql.instant(rs, "window_end")),
              new Targeting(
                  Sql.optionalString(rs, "target_region"), Sql.optionalString(rs, "target_feeder")),
              Sql.optionalDouble(rs, "requested_w").map(Power::ofWatts),
              Sql.instant(rs, "created_at"),
              ProgramEvent.State.valueOf(Sql.string(rs, "state")),
              Sql.instant(rs, "state_since"));
        }
      };

  static final Table<OptOut> OPT_OUTS =
      new Table<>() {
        @Override
        public String name() {
          return "opt_out";
        }

        @Override
        public List<String> columns() {
          return List.of("event_id", "site_id", "at");
        }

        @Override
        public void bind(Sql.Binder b, OptOut v) throws SQLException {
          b.string(v.eventId())
              .string(v.siteId())
              .time(v.at(), "opt-out of " + v.siteId() + " from " + v.eventId());
        }

        @Override
        public OptOut read(ResultSet rs, Children children) throws SQLException {
          return new OptOut(
              Sql.string(rs, "event_id"), Sql.string(rs, "site_id"), Sql.instant(rs, "at"));
        }
      };

  static final Table.Child<Program, String> PROGRAM_DEVICE_KINDS =
      new Table.Child<>(
          "program_device_kind",
          List.of("kind"),
          p -> sortedNames(p.eligibleDevices()),
          (b, s) -> b.string(s),
          rs -> Sql.string(rs, "kind"));

  static final Table.Child<Program, String> PROGRAM_REGIONS =
      new Table.Child<>(
          "program_region",
          List.of("region"),
          p -> sorted(p.regions()),
          (b, s) -> b.string(s),
          rs -> Sql.string(rs, "region"));

  static final Table.Child<Program, String> PROGRAM_CONFLICTS =
      new Table.Child<>(
          "program_conflict",
          List.of("other_program_id"),
          p -> sorted(p.conflictsWith()),
          (b, s) -> b.string(s),
          rs -> Sql.string(rs, "other_program_id"));

  static final Table<Program> PROGRAMS =
      new Table<>() {
        @Override
        public String name() {
          return "program";
        }

        @Override
        public List<String> columns() {
          return List.of(
              "id",
              "name",
              "kind",
              "capacity_cap_w",
              "enrolment_cap",
              "season_start",
              "season_end",
              "max_events_per_season",
              "max_event_length",
              "max_season_hours",
              "min_notice",
              "currency",
              "per_kw_month",
              "per_kwh",
              "per_event",
              "lease_fee_month",
              "lease_credit_per_event",
              "revenue_share",
              "opt_out_max_per_season",
              "opt_out_cutoff",
              "opt_out_during_event",
              "baseline_method",
              "baseline_fallback",
              "buyer_per_kwh",
              "buyer_per_kw_month");
        }

        @Override
        public void bind(Sql.Binder b, Program v) throws SQLException {
          EventLimits l = v.limits();
          Incentives i = v.incentives();
          OptOutRules o = v.optOut();
          b.string(v.id())
              .string(v.name())
              .string(v.kind().name())
              .number(v.capacityCap().watts())
              .number(v.enrolmentCap())
              .time(l.season().start(), "program " + v.id() + " season start")
              .time(l.season().end(), "program " + v.id() + " season end")
              .number(l.maxEventsPerSeason())
              .string(l.maxEventLength().toString())
              .string(l.maxSeasonHours().toString())
              .string(l.minNotice().toString())
              .string(i.currency().getCurrencyCode())
              .string(i.perKwMonth().amount().toString())
              .string(i.perKwh().amount().toString())
              .string(i.perEvent().amount().toString())
              .string(i.leaseFeeMonth().amount().toString())
              .string(i.leaseCreditPerEvent().amount().toString())
              .string(i.revenueShare().toString())
              .number(o.maxPerSeason())
              .string(o.cutoffBeforeStart().toString())
              .bool(o.duringEvent())
              .string(v.measurement().baseline())
              .string(v.measurement().fallback())
              .string(v.buyer().perKwh().amount().toString())
              .string(v.buyer().perKwMonth().amount().toString());
        }

        @Override
        public Program read(ResultSet rs, Children children) throws SQLException {
          String key = Sql.string(rs, "store_key");
          Currency cur = Currency.getInstance(Sql.string(rs, "currency"));
          Set<DeviceKind> kinds = EnumSet.noneOf(DeviceKind.class);
          for (String k : children.of(PROGRAM_DEVICE_KINDS, key)) {
            kinds.add(DeviceKind.valueOf(k));
          }
          return new Program(
              Sql.string(rs, "id"),
              Sql.string(rs, "name"),
              ProgramKind.valueOf(Sql.string(rs, "kind")),
              kinds,
              Set.copyOf(children.of(PROGRAM_REGIONS, key)),
              Power.ofWatts(rs.getDouble("capacity_cap_w")),
              rs.getInt("enrolment_cap"),
              new EventLimits(
                  new Interval(Sql.instant(rs, "season_start"), Sql.instant(rs, "season_end")),
                  rs.getInt("max_events_per_season"),
                  Duration.parse(Sql.string(rs, "max_event_length")),
                  Duration.parse(Sql.string(rs, "max_season_hours")),
                  Duration.parse(Sql.string(rs, "min_notice"))),
              new Incentives(
                  money(rs, "per_kw_month", cur),
                  money(rs, "per_kwh", cur),
                  money(rs, "per_event", cur),
                  money(rs, "lease_fee_month", cur),
                  money(rs, "lease_credit_per_event", cur),
                  new BigDecimal(Sql.string(rs, "revenue_share"))),
              new OptOutRules(
                  rs.getInt("opt_out_max_per_season"),
                  Duration.parse(Sql.string(rs, "opt_out_cutoff")),
                  rs.getBoolean("opt_out_during_event")),
              Set.copyOf(children.of(PROGRAM_CONFLICTS, key)),
              new Program.Measurement(
                  Sql.string(rs, "baseline_method"), Sql.string(rs, "baseline_fallback")),
              new Program.Buyer(
                  money(rs, "buyer_per_kwh", cur), money(rs, "buyer_per_kw_month", cur)));
        }

        @Override
        public List<Child<Program, ?>> children() {
          return List.of(PROGRAM_DEVICE_KINDS, PROGRAM_REGIONS, PROGRAM_CONFLICTS);
        }
      };

  private static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
    return new Money(new BigDecimal(Sql.string(rs, column)), currency);
  }

  private static List<String> sortedNames(Set<? extends Enum<?>> values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> e : values) {
      out.add(e.name());
    }
    out.sort(null);
    return out;
  }

  private static List<String> sorted(Set<String> values) {
    List<String> out = new ArrayList<>(values);
    out.sort(null);
    return out;
  }
}
