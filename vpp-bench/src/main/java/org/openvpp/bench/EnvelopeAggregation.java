package org.openvpp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.flex.DeviceEnvelopes;
import org.openvpp.flex.EnvelopeBlock;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * JMH state and methods: the sum of N battery envelopes over 96 × 15 min, by the fleet-scale {@link
 * EnvelopeBlock} (primitive arrays, parallel) against the baseline of adding per-device {@link
 * FlexEnvelope} objects one by one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnvelopeAggregation {

  static final Horizon HORIZON =
      new Horizon(Instant.parse("2019-08-15T07:00:00Z"), Duration.ofMinutes(15), 96);

  @Param({"100000"})
  public int devices;

  private EnvelopeBlock block = new EnvelopeBlock(HORIZON, 0);
  private List<FlexEnvelope> envelopes = List.of();

  @Setup(Level.Trial)
  public void setUp() {
    block = new EnvelopeBlock(HORIZON, devices);
    List<FlexEnvelope> list = new ArrayList<>(devices);
    SplittableRandom random = new SplittableRandom(42);
    for (int d = 0; d < devices; d++) {
      double capacity = random.nextBoolean() ? 13.5 : 10;
      Battery b =
          new Battery(
              DeviceId.of("bat-" + d),
              Energy.ofKilowattHours(capacity),
              Power.ofKilowatts(5),
              Power.ofKilowatts(5),
              0.9,
              Energy.ofKilowattHours(capacity * 0.2));
      FlexEnvelope e =
          DeviceEnvelopes.battery(
              b, Energy.ofKilowattHours(capacity * random.nextDouble()), HORIZON);
      block.set(d, e);
      list.add(e);
    }
    envelopes = list;
  }

  @org.openjdk.jmh.annotations.Benchmark
  public FlexEnvelope block() {
    return block.sum(devices);
  }

  @org.openjdk.jmh.annotations.Benchmark
  public FlexEnvelope boxedBaseline() {
    return FlexEnvelope.sum(HORIZON, envelopes);
  }
}
