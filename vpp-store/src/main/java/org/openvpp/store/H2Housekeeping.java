package org.openvpp.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 file from growing without bound.
 *
 * <p><b>Design note.</b> {@link Database} opens H2 with {@code WRITE_DELAY=0} so that a commit is
 * in the file when it returns (CrashTest). With a zero write delay H2 runs no background writer,
 * and that thread is also the one that frees the space of chunks no version needs any more and
 * rewrites half-empty ones; without it every commit appends a chunk (about 17 KB for a one-row
 * insert) and none is ever reused: the file grew by 6.7 GB per simulated day at 1,000 homes. This
 * task does that housekeeping instead, every few seconds on a thread of its own: it asks the store
 * to compact ({@code MVStore.compact}, which takes the store's lock and rewrites chunks below a
 * fill rate). H2 keeps a dead chunk for its retention time (45 s by default) before its space may
 * be reused, so the file levels off at about what 45 s of commits write (measured on H2 2.5.252
 * alone, 1.5 million one-row commits at about 8,000 a second: 6.4 GB after 50 s, then flat, then
 * smaller; at the pace of a real fleet, a few commits a second, a few megabytes). Shorter retention
 * bounds it lower but loses commits to {@code kill -9}: with 1 s, 9 of 15 killed writers had lost
 * their last few commits on reopening; with the default none of 15 had. H2 has no SQL for this, so
 * it reaches the store through H2's own classes ({@code JdbcConnection} → {@code SessionLocal} →
 * {@code MVStore}); if a later H2 moves them, the database still works and only this housekeeping
 * is skipped, with a warning.
 */
final class H2Housekeeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

  /** Chunks less full than this (percent) are rewritten. */
  private static final int TARGET_FILL_RATE = 80;

  /** At most this many bytes rewritten per round, so a round holds the store's lock briefly. */
  private static final int REWRITE_PER_ROUND = 16 << 20;

  private final ScheduledExecutorService thread;
  private final ScheduledFuture<?> rounds;

  private H2Housekeeping(MVStore store, Duration every) {
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openvpp-h2-housekeeping");
              t.setDaemon(true);
              return t;
            });
    long ms = every.toMillis();
    this.rounds = thread.scheduleWithFixedDelay(() -> round(store), ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts housekeeping for the H2 database behind {@code pool}, every {@code every}; empty (with a
   * warning) if this H2 does not expose its store as expected.
   */
  static Optional<H2Housekeeping> start(DataSource pool, Duration every) {
    try (Connection c = pool.getConnection()) {
      MVStore store =
          ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
              .getDatabase()
              .getStore()
              .getMvStore();
      return Optional.of(new H2Housekeeping(store, every));
    } catch (SQLException | RuntimeException | LinkageError e) {
      log.warn(
          "the embedded database's file will not be compacted while it is open ({}); it may grow"
              + " large on a long, fast run",
          e.toString());
      return Optional.empty();
    }
  }

  /** One round: rewrite sparse chunks, so the space of dead ones can be reused. */
  static void round(MVStore store) {
    if (store.isClosed()) {
      return;
    }
    try {
      store.compact(TARGET_FILL_RATE, REWRITE_PER_ROUND);
    } catch (RuntimeException e) {
      if (!store.isClosed()) {
        log.warn("compacting the embedded database failed; will try again: {}", e.toString());
      }
    }
  }

  /** Stops the rounds, waiting for one under way, before the database closes. */
  @Override
  public void close() {
    rounds.cancel(false);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
