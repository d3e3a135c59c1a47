package org.openvpp.service.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Steps on the wall clock: one at every whole {@code step} (a minute) of real time, until closed. A
 * step that ran long is not made up: the next one is the next whole step still ahead, so the loop
 * never runs behind the present.
 */
public final class WallSteps implements Steps {
  private final InstantSource clock;
  private final Duration step;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Instant last = Instant.MIN;

  public WallSteps(InstantSource clock, Duration step) {
    this.clock = clock;
    this.step = step;
  }

  @Override
  public Optional<Step> next() throws InterruptedException {
    long stepMs = step.toMillis();
    long now = clock.millis();
    long due = Math.floorDiv(now, stepMs) * stepMs;
    if (!Instant.ofEpochMilli(due).isAfter(last)) {
      due += stepMs;
    }
    long wait = due - now;
    if (wait > 0 && closed.await(wait, TimeUnit.MILLISECONDS)) {
      return Optional.empty();
    }
    if (closed.getCount() == 0) {
      return Optional.empty();
    }
    last = Instant.ofEpochMilli(due);
    return Optional.of(new Step(last, last.plus(step)));
  }

  @Override
  public void done(Instant at, Map<String, Long> commands) {}

  @Override
  public void close() {
    closed.countDown();
  }
}
