package org.openvpp.service.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvpp.openadr.ven.EventListener;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.RefusedEvent;
import org.openvpp.program.EventSource;
import org.openvpp.program.OptOut;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramException;
import org.openvpp.program.Targeting;
import org.openvpp.service.register.Register;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event intake: every event, from any source, into the event books of the programs it asks.
 *
 * <ul>
 *   <li><b>Operators</b> (the API and the dashboard) create, change and cancel an event of one
 *       program; a program's limits refuse with a {@link ProgramException} the API answers.
 *   <li><b>A utility's VTN</b>, through OpenVPP's VEN (this desk is the VEN's {@link
 *       EventListener}): an OpenADR event of a followed utility program becomes an event in each
 *       OpenVPP program the utility program is mapped to, with id {@code PROGRAM:VTN_EVENT_ID}; a
 *       modified event (a new end, a new request) changes them at once, a deleted one cancels them.
 *       What a program's limits refuse is logged, counted and listed ({@link #refusals}), and the
 *       rest of the mapping goes on.
 * </ul>
 *
 * <p>Participants' opt-outs come here too. Every change is stamped with the service's clock (the
 * register's). Threads: any; the register's lock orders the changes.
 */
public final class EventDesk implements EventListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventDesk.class);
  private static final int MAX_REFUSALS = 1_000;

  /**
   * An event a program refused.
   *
   * @param at when
   * @param source who asked (an OpenADR program, an operator)
   * @param eventId the event's id as the source gave it
   * @param programId the OpenVPP program
   * @param reason the register's reason code
   * @param message what was wrong
   */
  public record Refusal(
      Instant at,
      String source,
      String eventId,
      String programId,
      ProgramException.Reason reason,
      String message) {}

  private final Register register;
  private final Map<String, List<String>> utilityPrograms;
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger fromUtility = new AtomicInteger();

  /**
   * @param utilityPrograms for each utility program the VEN follows (by its name on the VTN), the
   *     OpenVPP programs its events are booked in
   */
  public EventDesk(Register register, Map<String, List<String>> utilityPrograms) {
    this.register = Objects.requireNonNull(register, "register");
    this.utilityPrograms = Map.copyOf(utilityPrograms);
  }

  /** The utility programs followed, by name. */
  public List<String> utilityProgramNames() {
    return List.copyOf(utilityPrograms.keySet());
  }

  // ---- operators ----

  /**
   * Creates an event of one program now; its id is drawn ({@code event-000001}) unless given.
   *
   * @throws ProgramException when the program's limits refuse it, or it is unknown
   */
  public ProgramEvent create(
      Optional<String> id,
      String programId,
      EventSource source,
      Interval window,
      Targeting targeting,
      Optional<Power> requested) {
    requireGrid(window);
    return register.locked(
        true,
        b -> {
          String eid =
              id.orElseGet(
                  () -> {
                    int n = b.book().events().size() + 1;
                    String next;
                    do {
                      next = String.format(Locale.ROOT, "event-%06d", n++);
                    } while (exists(b.book(), next));
                    return next;
                  });
          ProgramEvent e =
              b.book().create(eid, programId, source, window, targeting, requested, b.now());
          LOG.info(
              "event {} of program {} for {} created by {}", e.id(), programId, window, source);
          return e;
        });
  }

  /** Cancels an event now (scheduled or active); an active one stops at once. */
  public ProgramEvent cancel(String eventId) {
    return register.locked(true, b -> b.book().cancel(eventId, b.now()));
  }

  /** Changes an event's window or request now ({@link org.openvpp.program.EventBook#modify}). */
  public ProgramEvent modify(String eventId, Interval window, Optional<Power> requested) {
    requireGrid(window);
    return register.locked(true, b -> b.book().modify(eventId, window, requested, b.now()));
  }

  /** A participant's site opts out of an event now, by the program's rules. */
  public OptOut optOut(String eventId, String siteId) {
    return register.locked(true, b -> b.book().optOut(eventId, siteId, b.now()));
  }

  /** The grid events lie on: the metering interval, so each is measured interval by interval. */
  public static final java.time.Duration GRID = java.time.Duration.ofMinutes(15);

  /**
   * @throws ProgramException {@code EVENT_LIMIT} when {@code window} does not start and end on the
   *     15-minute grid
   */
  static void requireGrid(Interval window) {
    long g = GRID.toMillis();
    if (window.start().toEpochMilli() % g != 0 || window.end().toEpochMilli() % g != 0) {
      throw new ProgramException(
          ProgramException.Reason.EVENT_LIMIT,
          "an event starts and ends on the quarter hour (it is measured per 15-minute interval);"
              + " was "
              + window);
    }
  }

  public List<ProgramEvent> events() {
    return register.locked(false, b -> b.book().events());
  }

  public Optional<ProgramEvent> event(String id) {
    return register.locked(
        false, b -> exists(b.book(), id) ? Optional.of(b.book().event(id)) : Optional.empty());
  }

  private static boolean exists(org.openvpp.program.EventBook book, String id) {
    try {
      book.event(id);
      return true;
    } catch (ProgramException e) {
      return false;
    }
  }

  // ---- the utility's VTN ----

  @Override
  public void event(Change change, OpenAdrEvent e) {
    List<String> programs = utilityPrograms.getOrDefault(e.programName(), List.of());
    if (programs.isEmpty()) {
      LOG.warn(
          "OpenADR event {} of program {} maps to no OpenVPP program; configure the mapping",
          e.id(),
          e.programName());
      return;
    }
    fromUtility.incrementAndGet();
    for (String program : programs) {
      if (change != Change.CANCELLED) {
        try {
          requireGrid(e.window());
        } catch (ProgramException x) {
          refuse(
              new Refusal(
                  register.now(),
                  "openadr:" + e.programName(),
                  e.id(),
                  program,
                  x.reason(),
                  String.valueOf(x.getMessage())));
          continue;
        }
      }
      String id = program + ":" + e.id();
      try {
        register.locked(
            true,
            b -> {
              switch (change) {
                case CREATED -> {
                  if (exists(b.book(), id)) {
                    // seen before a restart: the book has it already; bring it up to date
                    return modifyIfChanged(b.book(), id, e, b.now());
                  }
                  return b.book()
                      .create(
                          id,
                          program,
                          EventSource.UTILITY_OPENADR,
                          e.window(),
                          e.targeting(),
                          e.requestedReduction(),
                          b.now());
                }
                case UPDATED -> {
                  return modifyIfChanged(b.book(), id, e, b.now());
                }
                case CANCELLED -> {
                  ProgramEvent known = b.book().event(id);
                  if (known.state() == ProgramEvent.State.SCHEDULED
                      || known.state() == ProgramEvent.State.ACTIVE) {
                    return b.book().cancel(id, b.now());
                  }
                  return known;
                }
              }
              throw new IllegalStateException("unknown change " + change);
            });
        LOG.info("OpenADR event {} {} in program {}", e.id(), change, program);
      } catch (ProgramException x) {
        refuse(
            new Refusal(
                register.now(),
                "openadr:" + e.programName(),
                e.id(),
                program,
                x.reason(),
                String.valueOf(x.getMessage())));
      }
    }
  }

  private static ProgramEvent modifyIfChanged(
      org.openvpp.program.EventBook book, String id, OpenAdrEvent e, Instant now) {
    ProgramEvent known = book.event(id);
    if (known.window().equals(e.window()) && known.requested().equals(e.requestedReduction())) {
      return known;
    }
    if (known.state() != ProgramEvent.State.SCHEDULED
        && known.state() != ProgramEvent.State.ACTIVE) {
      throw new ProgramException(
          ProgramException.Reason.ILLEGAL_TRANSITION,
          "event "
              + id
              + " is "
              + known.state()
              + "; the utility's change to "
              + e.window()
              + " comes too late");
    }
    return book.modify(id, e.window(), e.requestedReduction(), now);
  }

  @Override
  public void refused(RefusedEvent refusal) {
    LOG.warn("the VEN refused an OpenADR event: {}", refusal);
  }

  private void refuse(Refusal r) {
    refused.incrementAndGet();
    if (refusals.size() < MAX_REFUSALS) {
      refusals.add(r);
    }
    LOG.warn(
        "program {} refused event {} from {}: {}",
        r.programId(),
        r.eventId(),
        r.source(),
        r.message());
  }

  /** Events a program refused, oldest first (at most the first thousand). */
  public List<Refusal> refusals() {
    return new ArrayList<>(refusals);
  }

  /** How many events programs refused in all. */
  public int refusedCount() {
    return refused.get();
  }

  /** How many changes of a utility's events came through the VEN. */
  public int fromUtility() {
    return fromUtility.get();
  }
}
