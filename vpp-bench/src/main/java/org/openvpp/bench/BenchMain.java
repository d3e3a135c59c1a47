package org.openvpp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./vpp bench list} and {@code ./vpp bench NAME [--quick]}. The last line of a run is one
 * JSON object: {@code {"bench": "NAME", ...figures}}.
 */
public final class BenchMain {

  private static final List<Benchmark> BENCHMARKS =
      List.of(
          new EnvelopeAggregationBenchmark(),
          new PlanBenchmark(),
          new IngestBenchmark(),
          new IngestBatchBenchmark(),
          IngestMqttBenchmark.mosquitto(),
          IngestMqttBenchmark.embedded(),
          new SimBenchmark(),
          new TwinsMemoryBenchmark(),
          new LiveScaleBenchmark(),
          new SeasonBenchmark(),
          new CommitmentBenchmark(),
          new OcppBenchmark(),
          new ForecastBenchmark(),
          new BacktestBenchmark(),
          new SettleBenchmark(),
          new StoreBenchmark(),
          new RegulationBenchmark());

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("list")) {
      for (Benchmark b : BENCHMARKS) {
        System.out.printf(Locale.ROOT, "%-22s %s%n", b.name(), b.description());
      }
      return;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    boolean quick = rest.remove("--quick");
    if (!rest.isEmpty()) {
      System.err.println(
          "bench: unknown argument(s) " + rest + "; usage: ./vpp bench NAME [--quick]");
      System.exit(2);
    }
    Optional<Benchmark> bench =
        BENCHMARKS.stream().filter(b -> b.name().equals(args[0])).findFirst();
    if (bench.isEmpty()) {
      System.err.println("bench: no benchmark '" + args[0] + "'; ./vpp bench list shows them");
      System.exit(2);
      return;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("bench", bench.get().name());
    figures.put("quick", quick);
    figures.putAll(bench.get().run(quick));
    System.out.println(toJson(figures));
  }

  static String toJson(Map<String, Object> figures) {
    StringBuilder sb = new StringBuilder();
    append(sb, figures);
    return sb.toString();
  }

  /** Numbers and booleans as they are, lists as arrays, maps as objects, anything else quoted. */
  private static void append(StringBuilder sb, Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      sb.append("null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        append(sb, e.getKey().toString());
        sb.append(": ");
        append(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        append(sb, l.get(i));
      }
      sb.append(']');
    } else {
      sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
  }

  /** Rounds to three significant decimals for printing. */
  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The nearest-rank percentile {@code p} (100: the largest); NaN for no values. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }
}
