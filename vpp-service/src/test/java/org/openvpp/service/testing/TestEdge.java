package org.openvpp.service.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.fleet.DeviceLink;
import org.openvpp.service.fleet.Edge;
import org.openvpp.service.fleet.Fleet;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A small world for the service's tests, in memory: batteries that follow their setpoints at once,
 * homes that draw a constant load, site meters that report every 15 minutes. It stands where the
 * device protocol and the simulated world stand in a deployment: devices reach the service's twins
 * only through {@link #link()}, readings only through the {@link MeterDesk}, steps only through
 * {@link #steps()}. Not a simulator of anything real: for tests that need the service to run.
 *
 * <p>Threads: a test thread calls {@link #born}, {@link #home} and {@link #step}; the service's
 * control thread calls the link and the steps; they meet in queues.
 */
public final class TestEdge implements Edge {
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  /** One home: its meter, its constant load, and its battery if any. */
  private static final class Home {
    final String meter;
    final double loadKw;
    final List<String> batteries = new ArrayList<>();
    double importKwh;
    double exportKwh;

    Home(String meter, double loadKw) {
      this.meter = meter;
      this.loadKw = loadKw;
    }
  }

  /** A battery as the world has it. */
  private static final class Cell {
    final Battery spec;
    double storedKwh;
    double setpointKw;
    double lastKw;
    Instant until = Instant.MIN;
    long seq;

    Cell(Battery spec, double storedKwh) {
      this.spec = spec;
      this.storedKwh = storedKwh;
    }
  }

  private final ConcurrentLinkedQueue<Device> births = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Telemetry> reports = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
  private final Map<String, Cell> cells = new LinkedHashMap<>();
  private final Map<String, Home> homes = new LinkedHashMap<>();
  private final Map<String, Long> sent = new HashMap<>();
  private final BlockingQueue<Optional<Steps.Step>> ticks = new LinkedBlockingQueue<>();
  private final SynchronousQueue<Instant> done = new SynchronousQueue<>();
  private Optional<Fleet> fleet = Optional.empty();
  private Optional<MeterDesk> meters = Optional.empty();
  private long accepted;
  private boolean reportMeters = true;

  /** The factory {@link Service#assemble} takes. */
  public Edge.Factory factory() {
    return (Fleet f, MeterDesk m, ServiceClock clock) -> {
      fleet = Optional.of(f);
      meters = Optional.of(m);
      return this;
    };
  }

  /** Adds a home with meter {@code meter} drawing {@code loadKw}. */
  public void home(String meter, double loadKw) {
    homes.put(meter, new Home(meter, loadKw));
  }

  /** A battery at home {@code meter}, holding {@code storedKwh}: it announces itself (a birth). */
  public void born(String meter, Battery b, double storedKwh) {
    cells.put(b.id().value(), new Cell(b, storedKwh));
    homes.get(meter).batteries.add(b.id().value());
    births.add(b);
  }

  /** Whether homes' meters report (a test of late readings turns them off for a while). */
  public void meters(boolean on) {
    reportMeters = on;
  }

  /**
   * Takes the world to {@code at}: the batteries act on the commands that came, the homes' meters
   * report every 15 minutes, everyone reports; then the service takes its step at {@code at}, and
   * this returns when it is done.
   */
  public void step(Instant at) throws InterruptedException {
    for (Command c; (c = commands.poll()) != null; ) {
      Cell cell = cells.get(c.device().value());
      if (cell != null) {
        cell.setpointKw = c.setpoint().kilowatts();
        cell.until = c.expires();
      }
    }
    double hours = STEP.toSeconds() / 3600.0;
    for (Home h : homes.values()) {
      double net = h.loadKw;
      for (String id : h.batteries) {
        Cell cell = cells.get(id);
        double kw = at.isAfter(cell.until) ? 0 : cell.setpointKw;
        double cap = cell.spec.usableCapacity().kilowattHours();
        double reserve = cell.spec.backupReserve().kilowattHours();
        kw =
            Math.max(
                -cell.spec.maxDischarge().kilowatts(),
                Math.min(cell.spec.maxCharge().kilowatts(), kw));
        double next = cell.storedKwh + kw * hours;
        if (next > cap) {
          kw = (cap - cell.storedKwh) / hours;
        } else if (next < reserve && kw < 0) {
          kw = Math.min(0, (reserve - cell.storedKwh) / hours);
        }
        cell.storedKwh += kw * hours;
        cell.lastKw = kw;
        net += kw;
        reports.add(
            new Telemetry(
                cell.spec.id(),
                at,
                ++cell.seq,
                Power.ofKilowatts(kw),
                Energy.ofKilowattHours(cell.storedKwh)));
      }
      h.importKwh += Math.max(0, net) * hours;
      h.exportKwh += Math.max(0, -net) * hours;
    }
    if (at.getEpochSecond() % INTERVAL.toSeconds() == 0) {
      List<MeterReading> batch = new ArrayList<>();
      for (Home h : homes.values()) {
        batch.add(
            MeterReading.ofKwh(h.meter, at.minus(INTERVAL), INTERVAL, h.importKwh, h.exportKwh));
        h.importKwh = 0;
        h.exportKwh = 0;
      }
      if (reportMeters && meters.isPresent()) {
        late.addAll(batch);
        List<ReadingVerdict> v = meters.get().offer(List.copyOf(late));
        late.clear();
        for (ReadingVerdict x : v) {
          accepted += x == ReadingVerdict.ACCEPTED ? 1 : 0;
        }
      } else {
        late.addAll(batch);
      }
    }
    ticks.add(Optional.of(new Steps.Step(at, at.plus(STEP))));
    Instant back = done.poll(30, TimeUnit.SECONDS);
    if (back == null) {
      throw new IllegalStateException("the service did not take the step at " + at);
    }
  }

  private final List<MeterReading> late = new ArrayList<>();

  /** Readings the service accepted so far. */
  public long acceptedReadings() {
    return accepted;
  }

  /** The power a battery delivered in its last step, kW (load convention). */
  public double powerKw(String id) {
    return cells.get(id).lastKw;
  }

  /** Energy a battery holds in the world. */
  public double storedKwh(String id) {
    return cells.get(id).storedKwh;
  }

  @Override
  public DeviceLink link() {
    return new DeviceLink() {
      @Override
      public void drain() {
        Fleet f = fleet.orElseThrow();
        for (Device d; (d = births.poll()) != null; ) {
          if (f.twins().ordinalOf(d.id()).isEmpty()) {
            f.twins().register(d);
          }
        }
        for (Telemetry t; (t = reports.poll()) != null; ) {
          f.twins().apply(t);
        }
      }

      @Override
      public void send(Command command) {
        commands.add(command);
        sent.merge("", 1L, Long::sum);
      }

      @Override
      public int tick() {
        return 0;
      }

      @Override
      public Map<String, Long> takeSent() {
        Map<String, Long> out = Map.copyOf(sent);
        sent.clear();
        return out;
      }

      @Override
      public Map<String, Long> telemetry() {
        return Map.of();
      }

      @Override
      public String summary() {
        return "in memory";
      }

      @Override
      public void close() {}
    };
  }

  private final Steps steps =
      new Steps() {
        @Override
        public Optional<Step> next() throws InterruptedException {
          return ticks.take();
        }

        @Override
        public void done(Instant at, Map<String, Long> commands) {
          try {
            done.put(at);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void close() {
          ticks.add(Optional.empty());
        }
      };

  @Override
  public Steps steps() {
    return steps;
  }

  @Override
  public void close() {}

  /** A battery of {@code kwh} usable, {@code kw} both ways, 90 % round trip, 1 kWh reserve. */
  public static Battery battery(String id, double kwh, double kw) {
    return new Battery(
        DeviceId.of(id),
        Energy.ofKilowattHours(kwh),
        Power.ofKilowatts(kw),
        Power.ofKilowatts(kw),
        0.9,
        Energy.ofKilowattHours(1));
  }
}
