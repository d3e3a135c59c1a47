package org.openvpp.service.clock;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the control loop's steps come from: the wall clock's minutes ({@link WallSteps}), or the
 * simulated world's ticks (the MQTT edge's {@code WorldClock} in the fleet package, which waits
 * until every message the world sent before a tick has been handled, and answers it after the
 * step).
 */
public interface Steps extends AutoCloseable {

  /**
   * A step: its time, and when the next one will be (the service's present after it: a simulated
   * world acts at that time before it ticks again).
   */
  record Step(Instant at, Instant next) {}

  /**
   * Waits for the next step, or gives empty when the service is to stop.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Optional<Step> next() throws InterruptedException;

  /** The step at {@code at} is done; {@code commands} were sent in it (to each device cloud). */
  void done(Instant at, java.util.Map<String, Long> commands);

  @Override
  default void close() {}
}
