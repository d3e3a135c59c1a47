package org.openvpp.program;

import static org.openvpp.program.ProgramException.Reason.DUPLICATE;
import static org.openvpp.program.ProgramException.Reason.EVENT_LIMIT;
import static org.openvpp.program.ProgramException.Reason.ILLEGAL_TRANSITION;
import static org.openvpp.program.ProgramException.Reason.OPT_OUT_REFUSED;
import static org.openvpp.program.ProgramException.Reason.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * Program events: creation against the program's event limits, the lifecycle, notices to the
 * targeted participants, opt-outs, and the devices dispatch may use at an instant.
 *
 * <p><b>Lifecycle.</b> {@code SCHEDULED → ACTIVE → COMPLETED}, and {@code SCHEDULED} or {@code
 * ACTIVE → CANCELLED}. Any other transition is refused with {@code ILLEGAL_TRANSITION}; so is
 * starting before the window opens or completing before it starts. {@link #advance} moves every
 * event along by the clock (a scheduled event whose window has opened starts; an active one whose
 * window has closed completes).
 *
 * <p><b>Limits at creation.</b> The window lies in the program's season, is no longer than the
 * longest event, starts at least the minimum notice after creation, does not overlap another
 * counted event of the program, and keeps the season within its number of events and hours
 * (cancelled events do not count).
 *
 * <p><b>Participants.</b> The sites targeted by an event are the program's enrolled sites that
 * match its region or feeder when it was created; each gets a notice then, and again if it is
 * cancelled.
 *
 * <p>Single-threaded, like {@link Enrolments}, whose register it reads.
 */
public final class EventBook {
  private final Enrolments register;
  private final Store<ProgramEvent> events;
  private final Store<OptOut> optOuts;
  private final List<Notice> outbox = new ArrayList<>();
  private final java.util.Map<String, Set<String>> participants = new java.util.HashMap<>();

  public EventBook(Enrolments register, Store<ProgramEvent> events, Store<OptOut> optOuts) {
    this.register = register;
    this.events = events;
    this.optOuts = optOuts;
  }

  /** The register whose enrolments the book's events draw on. */
  public Enrolments register() {
    return register;
  }

  public static EventBook inMemory(Enrolments register) {
    return new EventBook(register, Store.inMemory(), Store.inMemory());
  }

  /**
   * Creates a scheduled event after checking the program's limits, and notifies its participants.
   */
  public ProgramEvent create(
      String id,
      String programId,
      EventSource source,
      Interval window,
      Targeting targeting,
      Optional<Power> requested,
      Instant at) {
    if (events.find(id).isPresent()) {
      throw new ProgramException(DUPLICATE, "event " + id + " already exists");
    }
    Program program = register.program(programId);
    EventLimits limits = program.limits();
    Duration notice = Duration.between(at, window.start());
    if (notice.compareTo(limits.minNotice()) < 0) {
      throw new ProgramException(
          EVENT_LIMIT,
          "event "
              + id
              + " starts "
              + notice
              + " after it is created; program "
              + programId
              + " needs at least "
              + limits.minNotice()
              + " notice");
    }
    checkWindow(id, programId, window, Optional.empty());
    ProgramEvent e =
        new ProgramEvent(
            id,
            programId,
            source,
            window,
            targeting,
            requested,
            at,
            ProgramEvent.State.SCHEDULED,
            at);
    events.put(id, e);
    notify(e, Notice.Kind.SCHEDULED, at);
    return e;
  }

  /**
   * Checks {@code window} against the program's limits: inside the season, no longer than the
   * longest event, overlapping no other counted event of the program, and keeping the season within
   * its number of events and hours; {@code other} is the event being changed, left out of the
   * count.
   */
  private void checkWindow(String id, String programId, Interval window, Optional<String> other) {
    EventLimits limits = register.program(programId).limits();
    if (window.start().isBefore(limits.season().start())
        || window.end().isAfter(limits.season().end())) {
      throw new ProgramException(
          EVENT_LIMIT,
          "event " + id + " " + window + " lies outside the season " + limits.season());
    }
    if (window.length().compareTo(limits.maxEventLength()) > 0) {
      throw new ProgramException(
          EVENT_LIMIT,
          "event "
              + id
              + " lasts "
              + window.length()
              + "; program "
              + programId
              + " allows at most "
              + limits.maxEventLength());
    }
    int count = 0;
    Duration hours = Duration.ZERO;
    for (ProgramEvent e : events.all()) {
      if (!e.programId().equals(programId)
          || !e.counts()
          || other.map(e.id()::equals).orElse(false)) {
        continue;
      }
      if (e.window().overlaps(window)) {
        throw new ProgramException(
            EVENT_LIMIT,
            "event " + id + " " + window + " overlaps event " + e.id() + " " + e.window());
      }
      if (limits.season().contains(e.window().start())) {
        count++;
        hours = hours.plus(e.window().length());
      }
    }
    if (count + 1 > limits.maxEventsPerSeason()) {
      throw new ProgramException(
          EVENT_LIMIT,
          "program "
              + programId
              + " has had "
              + count
              + " events this season, the most it allows ("
              + limits.maxEventsPerSeason()
              + ")");
    }
    if (hours.plus(window.length()).compareTo(limits.maxSeasonHours()) > 0) {
      throw new ProgramException(
          EVENT_LIMIT,
          "event "
              + id
              + " would take program "
              + programId
              + " to "
              + hours.plus(window.length())
              + " of events this season; it allows "
              + limits.maxSeasonHours());
    }
  }

  /** Starts a scheduled event whose window has opened. */
  public ProgramEvent start(String eventId, Instant at) {
    ProgramEvent e = event(eventId);
    require(e, EnumSet.of(ProgramEvent.State.SCHEDULED), "start");
    if (at.isBefore(e.window().start())) {
      throw new ProgramException(
          ILLEGAL_TRANSITION,
          "event " + eventId + " cannot start at " + at + ", before its window " + e.window());
    }
    return put(e.in(ProgramEvent.State.ACTIVE, at));
  }

  /** Completes an active event. */
  public ProgramEvent complete(String eventId, Instant at) {
    ProgramEvent e = event(eventId);
    require(e, EnumSet.of(ProgramEvent.State.ACTIVE), "complete");
    return put(e.in(ProgramEvent.State.COMPLETED, at));
  }

  /** Cancels a scheduled or active event and tells its participants. */
  public ProgramEvent cancel(String eventId, Instant at) {
    ProgramEvent e = event(eventId);
    require(e, EnumSet.of(ProgramEvent.State.SCHEDULED, ProgramEvent.State.ACTIVE), "cancel");
    ProgramEvent c = put(e.in(ProgramEvent.State.CANCELLED, at));
    notify(c, Notice.Kind.CANCELLED, at);
    return c;
  }

  /**
   * Changes an event's window or request and tells its participants ({@link Notice.Kind#MODIFIED}).
   * A scheduled event may move (its new start needs the program's notice from {@code at}); an
   * active one keeps its start and may end later (an extension) or earlier (a shortening, not
   * before {@code at}: one that would end by {@code at} is completed then). The new window is
   * checked against the program's limits as a new one would be, this event left out of the counts.
   *
   * @throws ProgramException {@code ILLEGAL_TRANSITION} for an event that is over or an active one
   *     whose start would move, {@code EVENT_LIMIT} when the new window breaks a limit
   */
  public ProgramEvent modify(
      String eventId, Interval window, Optional<Power> requested, Instant at) {
    ProgramEvent e = event(eventId);
    require(e, EnumSet.of(ProgramEvent.State.SCHEDULED, ProgramEvent.State.ACTIVE), "modify");
    if (e.state() == ProgramEvent.State.ACTIVE) {
      if (!window.start().equals(e.window().start())) {
        throw new ProgramException(
            ILLEGAL_TRANSITION,
            "event "
                + eventId
                + " is active since "
                + e.window().start()
                + "; its start cannot move to "
                + window.start()
                + " (change its end, or cancel it)");
      }
    } else {
      Duration notice = Duration.between(at, window.start());
      Duration needed = register.program(e.programId()).limits().minNotice();
      if (!window.start().equals(e.window().start()) && notice.compareTo(needed) < 0) {
        throw new ProgramException(
            EVENT_LIMIT,
            "event "
                + eventId
                + " would start "
                + notice
                + " after the change; program "
                + e.programId()
                + " needs at least "
                + needed
                + " notice");
      }
    }
    checkWindow(eventId, e.programId(), window, Optional.of(eventId));
    ProgramEvent changed =
        put(
            new ProgramEvent(
                e.id(),
                e.programId(),
                e.source(),
                window,
                e.targeting(),
                requested,
                e.createdAt(),
                e.state(),
                e.stateSince()));
    notify(changed, Notice.Kind.MODIFIED, at);
    if (changed.state() == ProgramEvent.State.ACTIVE && !at.isBefore(window.end())) {
      return complete(eventId, at);
    }
    return changed;
  }

  /** Moves every event along by the clock; returns those that changed. */
  public List<ProgramEvent> advance(Instant at) {
    List<ProgramEvent> changed = new ArrayList<>();
    for (ProgramEvent e : events.all()) {
      if (e.state() == ProgramEvent.State.SCHEDULED && !at.isBefore(e.window().start())) {
        e = start(e.id(), at);
        changed.add(e);
      }
      if (e.state() == ProgramEvent.State.ACTIVE && !at.isBefore(e.window().end())) {
        changed.add(complete(e.id(), at));
      }
    }
    return changed;
  }

  /**
   * Records a site's opt-out of an event by the program's opt-out rules.
   *
   * @throws ProgramException {@code OPT_OUT_REFUSED} when the site is not a participant, the event
   *     is over, the cutoff has passed, or the site has used its opt-outs for the season
   */
  public OptOut optOut(String eventId, String siteId, Instant at) {
    ProgramEvent e = event(eventId);
    Program program = register.program(e.programId());
    OptOutRules rules = program.optOut();
    if (e.state() == ProgramEvent.State.COMPLETED || e.state() == ProgramEvent.State.CANCELLED) {
      throw new ProgramException(
          OPT_OUT_REFUSED, "event " + eventId + " is " + e.state() + "; nothing to opt out of");
    }
    if (!participants(eventId).contains(siteId)) {
      throw new ProgramException(
          OPT_OUT_REFUSED, "site " + siteId + " is not a participant of event " + eventId);
    }
    if (optOutOf(eventId, siteId).isPresent()) {
      throw new ProgramException(
          DUPLICATE, "site " + siteId + " has already opted out of event " + eventId);
    }
    Instant cutoff = e.window().start().minus(rules.cutoffBeforeStart());
    boolean inTime = !at.isAfter(cutoff) || (rules.duringEvent() && at.isBefore(e.window().end()));
    if (!inTime) {
      throw new ProgramException(
          OPT_OUT_REFUSED,
          "program "
              + program.id()
              + " takes opt-outs until "
              + cutoff
              + (rules.duringEvent() ? " or during the event" : "")
              + "; it is "
              + at);
    }
    int used = 0;
    for (OptOut o : optOuts.all()) {
      if (o.siteId().equals(siteId)) {
        ProgramEvent other = event(o.eventId());
        if (other.programId().equals(program.id())
            && program.limits().season().contains(other.window().start())) {
          used++;
        }
      }
    }
    if (used >= rules.maxPerSeason()) {
      throw new ProgramException(
          OPT_OUT_REFUSED,
          "site "
              + siteId
              + " has used "
              + used
              + " of "
              + rules.maxPerSeason()
              + " opt-outs this season in program "
              + program.id());
    }
    OptOut o = new OptOut(eventId, siteId, at);
    optOuts.put(eventId + "/" + siteId, o);
    return o;
  }

  public Optional<OptOut> optOutOf(String eventId, String siteId) {
    return optOuts.find(eventId + "/" + siteId);
  }

  /** The sites the event asks: enrolled in its program at its creation and matching its target. */
  public Set<String> participants(String eventId) {
    ProgramEvent e = event(eventId);
    // fixed at creation by definition, so kept once found
    Set<String> known = participants.get(eventId);
    if (known != null) {
      return known;
    }
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Enrolment en : register.enrolledAt(e.programId(), e.createdAt())) {
      if (e.targeting().includes(register.site(en.siteId()))) {
        out.add(en.siteId());
      }
    }
    Set<String> fixed = java.util.Collections.unmodifiableSet(out);
    participants.put(eventId, fixed);
    return fixed;
  }

  /**
   * The devices dispatch may use for an event at {@code at}: none unless the event is active (or
   * scheduled with its window open) and {@code at} lies in its window; otherwise the participants'
   * devices whose enrolment is in force at {@code at}, whose consent allows control at {@code at},
   * and whose site has not opted out by {@code at}, in enrolment order, stopping before the
   * program's capacity cap would be exceeded.
   */
  public List<DispatchableDevice> dispatchable(String eventId, Instant at) {
    ProgramEvent e = event(eventId);
    boolean live =
        e.state() == ProgramEvent.State.ACTIVE || e.state() == ProgramEvent.State.SCHEDULED;
    if (!live || !e.window().contains(at)) {
      return List.of();
    }
    Program program = register.program(e.programId());
    Set<String> targeted = participants(eventId);
    List<DispatchableDevice> out = new ArrayList<>();
    double watts = 0;
    for (Enrolment en : register.enrolledAt(e.programId(), at)) {
      if (!targeted.contains(en.siteId())) {
        continue;
      }
      if (!register.consent(en.consentId()).allows(Consent.Scope.CONTROL, at)) {
        continue;
      }
      if (optOutOf(eventId, en.siteId()).map(o -> !at.isBefore(o.at())).orElse(false)) {
        continue;
      }
      for (EnrolledDevice d : en.devices()) {
        if (watts + d.capacity().watts() > program.capacityCap().watts() + 1e-6) {
          return out;
        }
        watts += d.capacity().watts();
        out.add(new DispatchableDevice(d, en.siteId(), en.id(), d.capacity()));
      }
    }
    return out;
  }

  /** The notices made so far, oldest first. */
  public List<Notice> notices() {
    return List.copyOf(outbox);
  }

  public ProgramEvent event(String id) {
    return events.find(id).orElseThrow(() -> new ProgramException(UNKNOWN, "no event " + id));
  }

  public List<ProgramEvent> events() {
    return events.all();
  }

  private void notify(ProgramEvent e, Notice.Kind kind, Instant at) {
    for (String siteId : participants(e.id())) {
      Site s = register.site(siteId);
      outbox.add(new Notice(e.id(), siteId, s.customerId(), kind, e.window(), at));
    }
  }

  private ProgramEvent put(ProgramEvent e) {
    events.put(e.id(), e);
    return e;
  }

  private static void require(ProgramEvent e, Set<ProgramEvent.State> from, String action) {
    if (!from.contains(e.state())) {
      throw new ProgramException(
          ILLEGAL_TRANSITION,
          "cannot "
              + action
              + " event "
              + e.id()
              + ": it is "
              + e.state()
              + " since "
              + e.stateSince()
              + "; only an event that is one of "
              + from
              + " can "
              + action);
    }
  }
}
