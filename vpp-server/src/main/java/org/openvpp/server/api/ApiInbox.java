package org.openvpp.server.api;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openvpp.program.EventBook;
import org.openvpp.program.ProgramException;
import org.openvpp.server.run.RunRequests;

/**
 * The API's changes on their way to the run: a request thread submits one and waits for its
 * outcome; the run applies every waiting one at the start of its next step, on its own thread. Once
 * the run has ended ({@link #close}) nothing more is taken.
 *
 * <p>Threads: {@link #optOut} on any thread, {@link #apply} on the run's.
 */
public final class ApiInbox implements RunRequests {

  /** An opt-out waiting to be applied, and where its outcome goes. */
  private record OptOutAsked(String eventId, String siteId, CompletableFuture<Instant> done) {}

  private final Queue<OptOutAsked> waiting = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * Asks the run to opt {@code siteId} out of {@code eventId}; completes with when it was applied,
   * or exceptionally with the {@link ProgramException} the event book refused it with, or with an
   * {@link IllegalStateException} when the run no longer takes requests.
   */
  public CompletableFuture<Instant> optOut(String eventId, String siteId) {
    CompletableFuture<Instant> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(
          new IllegalStateException("the run is over; it takes no more changes"));
      return done;
    }
    waiting.add(new OptOutAsked(eventId, siteId, done));
    return done;
  }

  @Override
  public boolean apply(Instant now, EventBook book) {
    boolean changed = false;
    for (OptOutAsked a; (a = waiting.poll()) != null; ) {
      try {
        book.optOut(a.eventId(), a.siteId(), now);
        a.done().complete(now);
        changed = true;
      } catch (ProgramException e) {
        a.done().completeExceptionally(e);
      }
    }
    return changed;
  }

  /** Changes waiting for the run. */
  public int waiting() {
    return waiting.size();
  }

  /** The run has ended: refuses what waits and what comes. */
  public void close() {
    closed = true;
    for (OptOutAsked a; (a = waiting.poll()) != null; ) {
      a.done()
          .completeExceptionally(
              new IllegalStateException("the run is over; it takes no more changes"));
    }
  }
}
