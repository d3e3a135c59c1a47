package org.openvpp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.DeviceId;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.TelemetryBatch;
import org.openvpp.mqtt.protocol.TelemetryDecoder;
import org.openvpp.mqtt.protocol.TelemetryEncoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A device cloud's batched telemetry in process, one thread: batches of 1,000 reports ({@code
 * vpp/v1/c/{cloud}/telemetry}, as {@link TelemetryEncoder#encodeBatch} writes them) through the
 * gateway's telemetry path ({@link TelemetryIngest}: envelope, each report decoded and validated,
 * its id checked against the cloud and looked up, time and sequence judged, twin and aggregation
 * tree updated), and through the decoder alone ({@link TelemetryDecoder#decodeBatch} into a {@link
 * TelemetryBatch}). The baseline is Jackson reading the same batches into its tree model and
 * reading each report's id, sequence and power: the usual way of reading JSON in Java.
 */
final class IngestBatchBenchmark implements Benchmark {

  private static final String CLOUD = "load";

  @Override
  public String name() {
    return "ingest-batch";
  }

  @Override
  public String description() {
    return "device clouds' batches of 1,000 reports: decode → validate → twin → aggregate vs"
        + " Jackson's tree";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int devices = quick ? 20_000 : 100_000;
    int rounds = quick ? 10 : 25;
    int warmRounds = 5;
    int perBatch = 1_000;
    Instant t0 = Instant.parse("2019-08-16T00:00:00Z");
    SimulationClock clock = SimulationClock.stepped(t0, ZoneOffset.UTC);
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    for (int f = 0; f < 100; f++) {
      tree.addGroup(GroupId.of("feeder-" + f), GroupId.FLEET);
    }
    DeviceId[] ids = new DeviceId[devices];
    for (int d = 0; d < devices; d++) {
      String id = String.format(Locale.ROOT, "%s:home-%06d-bat", CLOUD, d);
      BenchDevices.registerBattery(twins, tree, id, GroupId.of("feeder-" + (d % 100)));
      ids[d] = DeviceId.of(id);
    }
    // Every batch made in advance, so the timing is ingestion alone.
    String topic = Topics.batchTelemetry(CLOUD);
    SplittableRandom r = new SplittableRandom(7);
    byte[][][] batches = new byte[rounds][][];
    long bytes = 0;
    for (int k = 0; k < rounds; k++) {
      Instant at = t0.plusSeconds(60L * k);
      List<byte[]> round = new ArrayList<>();
      List<Telemetry> batch = new ArrayList<>(perBatch);
      for (int d = 0; d < devices; d++) {
        batch.add(
            new Telemetry(
                ids[d],
                at,
                k + 1,
                Power.ofKilowatts(-5 + 10 * r.nextDouble()),
                Energy.ofKilowattHours(2.7 + 10.8 * r.nextDouble())));
        if (batch.size() == perBatch || d == devices - 1) {
          round.add(TelemetryEncoder.encodeBatch(batch));
          batch.clear();
        }
      }
      batches[k] = round.toArray(byte[][]::new);
      if (k >= warmRounds) {
        for (byte[] b : batches[k]) {
          bytes += b.length;
        }
      }
    }
    long reports = (long) (rounds - warmRounds) * devices;

    // The gateway's path.
    TelemetryIngest ingest = TelemetryIngest.withDefaults(twins, clock);
    for (int k = 0; k < warmRounds; k++) {
      clock.advance(k == 0 ? Duration.ZERO : Duration.ofMinutes(1));
      feed(ingest, topic, batches[k]);
    }
    long start = System.nanoTime();
    for (int k = warmRounds; k < rounds; k++) {
      clock.advance(Duration.ofMinutes(1));
      feed(ingest, topic, batches[k]);
    }
    double ingestS = (System.nanoTime() - start) / 1e9;
    long accepted = ingest.count(Verdict.ACCEPTED);
    if (accepted != (long) rounds * devices) {
      throw new IllegalStateException(
          "only " + accepted + " reports were accepted: " + ingest.counts());
    }

    // The decoder alone, over the same batches.
    TelemetryDecoder decoder = new TelemetryDecoder();
    TelemetryBatch into = new TelemetryBatch();
    double sink = 0;
    for (int k = 0; k < warmRounds; k++) {
      sink += decode(decoder, into, batches[k]);
    }
    start = System.nanoTime();
    for (int k = warmRounds; k < rounds; k++) {
      sink += decode(decoder, into, batches[k]);
    }
    double decodeS = (System.nanoTime() - start) / 1e9;

    // Baseline: Jackson's tree model over the same batches.
    ObjectMapper mapper = new ObjectMapper();
    for (int k = 0; k < warmRounds; k++) {
      sink += jackson(mapper, batches[k]);
    }
    start = System.nanoTime();
    for (int k = warmRounds; k < rounds; k++) {
      sink += jackson(mapper, batches[k]);
    }
    double jacksonS = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        Locale.ROOT,
        "%,d reports in %,d batches (%.1f MB): gateway path %.2f s, decoder alone %.2f s,"
            + " Jackson %.2f s (checksum %.0f)%n",
        reports,
        (long) (rounds - warmRounds) * batches[0].length,
        bytes / 1e6,
        ingestS,
        decodeS,
        jacksonS,
        sink);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("devices", devices);
    figures.put("reports", reports);
    figures.put("reports_per_batch", perBatch);
    figures.put("reports_per_s", Math.round(reports / ingestS));
    figures.put("decode_only_reports_per_s", Math.round(reports / decodeS));
    figures.put("jackson_tree_reports_per_s", Math.round(reports / jacksonS));
    figures.put("ratio_vs_jackson", BenchMain.round3(jacksonS / ingestS));
    figures.put("decode_ratio_vs_jackson", BenchMain.round3(jacksonS / decodeS));
    figures.put("mb_per_s", BenchMain.round3(bytes / 1e6 / ingestS));
    figures.put("fleet_power_kw", BenchMain.round3(tree.totals(GroupId.FLEET).power().kilowatts()));
    return figures;
  }

  private static void feed(TelemetryIngest ingest, String topic, byte[][] round) {
    for (byte[] b : round) {
      if (ingest.accept(topic, b) != Verdict.ACCEPTED) {
        throw new IllegalStateException("a batch was refused whole: " + ingest.counts());
      }
    }
  }

  private static double decode(TelemetryDecoder decoder, TelemetryBatch into, byte[][] round) {
    double sum = 0;
    for (byte[] b : round) {
      if (decoder.decodeBatch(b, 0, b.length, into) != Verdict.ACCEPTED) {
        throw new IllegalStateException("the decoder refused a batch");
      }
      for (int i = 0; i < into.size(); i++) {
        sum += into.powerKw(i) + into.sequence(i) + into.idEnd(i) - into.idStart(i);
      }
    }
    return sum;
  }

  private static double jackson(ObjectMapper mapper, byte[][] round) throws Exception {
    double sum = 0;
    for (byte[] b : round) {
      for (JsonNode n : mapper.readTree(b).get("reports")) {
        sum += n.get("p_kw").asDouble() + n.get("seq").asLong() + n.get("id").asText().length();
      }
    }
    return sum;
  }
}
