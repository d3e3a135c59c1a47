package org.openvpp.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link EnvelopeAggregation} under JMH and reports the ratio to its baseline. */
final class EnvelopeAggregationBenchmark implements Benchmark {

  @Override
  public String name() {
    return "envelope-aggregation";
  }

  @Override
  public String description() {
    return "sum 100,000 battery envelopes × 96 intervals: primitive block vs per-device objects";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int devices = quick ? 10_000 : 100_000;
    Options options =
        new OptionsBuilder()
            .include(EnvelopeAggregation.class.getName() + "\\.")
            .param("devices", Integer.toString(devices))
            .forks(1)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .jvmArgsAppend("-Xmx4g")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double block = Double.NaN;
    double blockError = Double.NaN;
    double boxed = Double.NaN;
    for (RunResult r : results) {
      String label = r.getPrimaryResult().getLabel();
      double ms = r.getPrimaryResult().getScore();
      if (label.equals("block")) {
        block = ms;
        blockError = r.getPrimaryResult().getScoreError();
      } else if (label.equals("boxedBaseline")) {
        boxed = ms;
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("devices", devices);
    figures.put("intervals", EnvelopeAggregation.HORIZON.count());
    figures.put("block_ms", BenchMain.round3(block));
    figures.put("block_ms_error", BenchMain.round3(blockError));
    figures.put("boxed_baseline_ms", BenchMain.round3(boxed));
    figures.put("speedup_vs_baseline", BenchMain.round3(boxed / block));
    figures.put("devices_per_second_block", Math.round(devices / (block / 1000)));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    return figures;
  }
}
