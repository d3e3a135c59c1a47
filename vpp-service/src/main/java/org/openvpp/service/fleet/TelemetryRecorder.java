package org.openvpp.service.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openvpp.store.IngestReport;
import org.openvpp.store.TelemetryHistory;
import org.openvpp.twin.Telemetry;

/**
 * Keeps every report the gateway took, accepted into a twin or kept because it came late, in the
 * platform's telemetry history.
 *
 * <p><b>Design note.</b> The control loop must not wait for the database at every report, and no
 * accepted report may be dropped. So the loop copies each accepted report out of the twin (as the
 * {@link Telemetry} it was) into a batch, and hands full batches to a writer thread of its own
 * through a short bounded queue: the loop goes on while the writer bulk-loads (COPY on PostgreSQL),
 * and waits only when the writer is a few batches behind (back pressure, never a drop). {@link
 * #close} hands over the last batch and waits for the writer to finish; a database failure is
 * raised there (and stops the loop's next hand-over), never swallowed.
 *
 * <p>A partly filled batch is handed over once it is a minute old (by the wall clock), so the
 * history of a quiet fleet is not held back.
 *
 * <p>Threads: {@link #accepted}, {@link #late} and {@link #close} on the control loop's thread; one
 * writer thread.
 */
public final class TelemetryRecorder implements MqttEdge.History, AutoCloseable {
  private static final int BATCH = 10_000;
  private static final List<Telemetry> END = List.of();

  private final TelemetryHistory history;
  private final BlockingQueue<List<Telemetry>> queue = new ArrayBlockingQueue<>(4);
  private final Thread writer;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicReference<Optional<RuntimeException>> failure =
      new AtomicReference<>(Optional.empty());
  private static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
  private List<Telemetry> batch = new ArrayList<>(BATCH);
  private long batchSince;
  private long received;
  private long late;
  private boolean closed;

  public TelemetryRecorder(TelemetryHistory history) {
    this.history = history;
    this.writer = new Thread(this::write, "openvpp-telemetry-history");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void accepted(Telemetry report) {
    take(report);
  }

  @Override
  public void late(Telemetry report) {
    take(report);
    late++;
  }

  private void take(Telemetry report) {
    if (batch.isEmpty()) {
      batchSince = System.nanoTime();
    }
    batch.add(report);
    received++;
    if (batch.size() == BATCH || System.nanoTime() - batchSince > MAX_AGE_NANOS) {
      handOver();
    }
  }

  private void handOver() {
    failure
        .get()
        .ifPresent(
            e -> {
              throw new IllegalStateException("telemetry history stopped: " + e.getMessage(), e);
            });
    List<Telemetry> full = batch;
    batch = new ArrayList<>(BATCH);
    try {
      queue.put(full);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keeping telemetry history", e);
    }
  }

  private void write() {
    try {
      for (List<Telemetry> next = queue.take(); next != END; next = queue.take()) {
        if (failure.get().isPresent()) {
          continue; // drain, so the loop is never blocked on a dead writer
        }
        try {
          IngestReport r = history.ingest(next);
          stored.addAndGet(r.stored());
          duplicates.addAndGet(r.duplicates());
          rejected.addAndGet(r.rejected());
        } catch (RuntimeException e) {
          failure.set(Optional.of(e));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reports handed to the recorder. */
  public long late() {
    return late;
  }

  /** Reports taken so far (accepted and late). */
  public long received() {
    return received;
  }

  /** Reports written (after {@link #close}: all that were new). */
  public long stored() {
    return stored.get();
  }

  /**
   * Reports already in the history (a device's report of the same instant kept before: the same
   * simulated day run again).
   */
  public long duplicates() {
    return duplicates.get();
  }

  /** Reports the history refused as invalid. */
  public long rejected() {
    return rejected.get();
  }

  /**
   * Writes what is left and waits for the writer.
   *
   * @throws IllegalStateException when the database failed on some batch (what and why)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!batch.isEmpty()) {
        queue.put(batch);
        batch = new ArrayList<>();
      }
      queue.put(END);
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keeping telemetry history", e);
    }
    failure
        .get()
        .ifPresent(
            e -> {
              throw new IllegalStateException(
                  "telemetry history: the database failed on a batch: " + e.getMessage(), e);
            });
  }
}
