package org.openvpp.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import org.openvpp.dispatch.Command;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.fleet.DeviceLink;
import org.openvpp.service.fleet.Edge;

/**
 * An edge around the service's own (the MQTT edge), timing what the control loop's thread does with
 * it in each step: from the step's start ({@link Steps#next} returned) to its end ({@link
 * Steps#done}, before the answer is published), and within it the time spent draining what the
 * devices sent, sending commands, and sending again what is unacknowledged. The rest of a step is
 * the control loop's own work (program clock, planning, dispatch, measurement, views).
 *
 * <p>Threads: the service calls the edge on its control loop's thread; the steps are handed to the
 * benchmark's thread through a concurrent queue, and the count of twins through a volatile.
 */
final class TimedEdge implements Edge {

  /**
   * One step as the control loop's thread saw it, times from {@link System#nanoTime}.
   *
   * @param at the world's time of the step
   * @param begun when {@link Steps#next} gave the step
   * @param ended when the step was done (before the answer went out)
   * @param drainNanos spent handing what came to the twins, within the step
   * @param sendNanos spent publishing commands
   * @param sent commands published
   * @param resendNanos spent sending again and expiring
   * @param resent commands sent again
   */
  record Timing(
      Instant at,
      long begun,
      long ended,
      long drainNanos,
      long sendNanos,
      int sent,
      long resendNanos,
      int resent) {

    long controlNanos() {
      return ended - begun;
    }

    /** The control loop's own work: the step less the edge's part in it. */
    long ownNanos() {
      return controlNanos() - drainNanos - sendNanos - resendNanos;
    }
  }

  /** What the benchmark reads: the steps done so far and how many devices have twins. */
  static final class Log {
    private final ConcurrentLinkedQueue<Timing> steps = new ConcurrentLinkedQueue<>();
    private volatile int twins;

    /** Takes the steps logged since the last call, oldest first. */
    List<Timing> take() {
      List<Timing> out = new ArrayList<>();
      for (Timing s; (s = steps.poll()) != null; ) {
        out.add(s);
      }
      return out;
    }

    /** Devices with a twin at the end of the last step. */
    int twins() {
      return twins;
    }
  }

  private final Edge inner;
  private final Log log;
  private final IntSupplier twinCount; // read on the control loop's thread: the twins are its own
  private final Link link;
  private final TimedSteps steps;
  private long begun;
  private long drainNanos;
  private long sendNanos;
  private int sent;
  private long resendNanos;
  private int resent;

  private TimedEdge(Edge inner, Log log, IntSupplier twinCount) {
    this.inner = inner;
    this.log = log;
    this.twinCount = twinCount;
    this.link = new Link(inner.link());
    this.steps = new TimedSteps(inner.steps());
  }

  /** The edges {@code inner} makes, each timed into {@code log}. */
  static Edge.Factory factory(Edge.Factory inner, Log log) {
    return (fleet, meters, clock) ->
        new TimedEdge(inner.open(fleet, meters, clock), log, () -> fleet.twins().size());
  }

  @Override
  public DeviceLink link() {
    return link;
  }

  @Override
  public Steps steps() {
    return steps;
  }

  @Override
  public void close() {
    inner.close();
  }

  private final class TimedSteps implements Steps {
    private final Steps of;

    TimedSteps(Steps of) {
      this.of = of;
    }

    @Override
    public Optional<Step> next() throws InterruptedException {
      Optional<Step> s = of.next();
      begun = System.nanoTime();
      drainNanos = 0;
      sendNanos = 0;
      sent = 0;
      resendNanos = 0;
      resent = 0;
      return s;
    }

    @Override
    public void done(Instant at, Map<String, Long> commands) {
      long ended = System.nanoTime();
      log.twins = twinCount.getAsInt();
      log.steps.add(new Timing(at, begun, ended, drainNanos, sendNanos, sent, resendNanos, resent));
      of.done(at, commands);
    }

    @Override
    public void close() {
      of.close();
    }
  }

  private final class Link implements DeviceLink {
    private final DeviceLink of;

    Link(DeviceLink of) {
      this.of = of;
    }

    @Override
    public void drain() {
      long t = System.nanoTime();
      of.drain();
      drainNanos += System.nanoTime() - t;
    }

    @Override
    public void send(Command command) {
      long t = System.nanoTime();
      of.send(command);
      sendNanos += System.nanoTime() - t;
      sent++;
    }

    @Override
    public int tick() {
      long t = System.nanoTime();
      int n = of.tick();
      resendNanos += System.nanoTime() - t;
      resent += n;
      return n;
    }

    @Override
    public Map<String, Long> takeSent() {
      return of.takeSent();
    }

    @Override
    public Map<String, Long> telemetry() {
      return of.telemetry();
    }

    @Override
    public String summary() {
      return of.summary();
    }

    @Override
    public void close() {
      of.close();
    }
  }
}
