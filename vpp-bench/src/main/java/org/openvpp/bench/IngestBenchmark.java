package org.openvpp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.TwinStore;

/**
 * In-process telemetry ingestion: topic parse, device lookup, decode, validate, twin update and
 * aggregation-tree update, one thread, for 100,000 batteries under 100 feeders; the baseline is
 * decoding the same payloads with Jackson's tree model (decode only), the usual way of reading JSON
 * in Java.
 */
final class IngestBenchmark implements Benchmark {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String description() {
    return "decode → validate → twin → aggregate, in process (target >= 2,000,000 msgs/s)";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int devices = quick ? 20_000 : 100_000;
    int rounds = quick ? 10 : 25;
    int warmRounds = 5;
    Instant t0 = Instant.parse("2019-08-16T00:00:00Z");
    SimulationClock clock = SimulationClock.stepped(t0, ZoneOffset.UTC);
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    for (int f = 0; f < 100; f++) {
      tree.addGroup(GroupId.of("feeder-" + f), GroupId.FLEET);
    }
    String[] topics = new String[devices];
    for (int d = 0; d < devices; d++) {
      String id = String.format(Locale.ROOT, "home-%06d-bat", d);
      BenchDevices.registerBattery(twins, tree, id, GroupId.of("feeder-" + (d % 100)));
      topics[d] = Topics.of(id, Channel.TELEMETRY);
    }
    // Every message made in advance, so the timing is ingestion alone.
    byte[][][] payloads = new byte[rounds][devices][];
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int k = 0; k < rounds; k++) {
      long ts = t0.plusSeconds(60L * k).toEpochMilli();
      for (int d = 0; d < devices; d++) {
        String json =
            String.format(
                Locale.ROOT,
                "{\"v\":1,\"seq\":%d,\"ts\":%d,\"p_kw\":%.3f,\"e_kwh\":%.3f}",
                k + 1,
                ts,
                -5 + 10 * r.nextDouble(),
                13.5 * r.nextDouble());
        payloads[k][d] = json.getBytes(StandardCharsets.UTF_8);
      }
    }
    TelemetryIngest ingest = TelemetryIngest.withDefaults(twins, clock);
    for (int k = 0; k < warmRounds; k++) {
      clock.advance(k == 0 ? Duration.ZERO : Duration.ofMinutes(1));
      feed(ingest, topics, payloads[k]);
    }
    long start = System.nanoTime();
    for (int k = warmRounds; k < rounds; k++) {
      clock.advance(Duration.ofMinutes(1));
      feed(ingest, topics, payloads[k]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long messages = (long) (rounds - warmRounds) * devices;
    long accepted = ingest.count(Verdict.ACCEPTED);
    if (accepted != (long) rounds * devices) {
      throw new IllegalStateException(
          "only " + accepted + " messages were accepted: " + ingest.counts());
    }

    // Baseline: Jackson's tree model over the same payloads.
    ObjectMapper mapper = new ObjectMapper();
    double sink = 0;
    for (int k = 0; k < warmRounds; k++) {
      sink += jackson(mapper, payloads[k]);
    }
    long baseStart = System.nanoTime();
    for (int k = warmRounds; k < rounds; k++) {
      sink += jackson(mapper, payloads[k]);
    }
    double baseSeconds = (System.nanoTime() - baseStart) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%,d messages in %.2f s; Jackson decoded them in %.2f s (checksum %.0f)%n",
        messages,
        seconds,
        baseSeconds,
        sink);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("devices", devices);
    figures.put("messages", messages);
    figures.put("msgs_per_s", Math.round(messages / seconds));
    figures.put("jackson_decode_only_msgs_per_s", Math.round(messages / baseSeconds));
    figures.put("ratio_vs_jackson_decode", BenchMain.round3(baseSeconds / seconds));
    figures.put("fleet_power_kw", BenchMain.round3(tree.totals(GroupId.FLEET).power().kilowatts()));
    return figures;
  }

  private static void feed(TelemetryIngest ingest, String[] topics, byte[][] round) {
    for (int d = 0; d < topics.length; d++) {
      ingest.accept(topics[d], round[d]);
    }
  }

  private static double jackson(ObjectMapper mapper, byte[][] round) throws Exception {
    double sum = 0;
    for (byte[] p : round) {
      JsonNode n = mapper.readTree(p);
      sum += n.get("p_kw").asDouble() + n.get("seq").asLong();
    }
    return sum;
  }
}
