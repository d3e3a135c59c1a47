package org.openvpp.world.eval;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.time.Interval;

/**
 * The simulation's truth as {@code TruthWriter} wrote it, read whole: each site's net energy per
 * interval with the VPP and without it. Evaluation only.
 */
public final class TruthFile {
  private final List<String> meters;
  private final Map<String, Integer> index = new HashMap<>();
  private final long[] starts;
  private final float[][] with; // [interval][site]
  private final float[][] without;

  private TruthFile(List<String> meters, long[] starts, float[][] with, float[][] without) {
    this.meters = List.copyOf(meters);
    for (int i = 0; i < meters.size(); i++) {
      index.put(meters.get(i), i);
    }
    this.starts = starts;
    this.with = with;
    this.without = without;
  }

  /** Reads {@code file}; a record cut short at the end (a world still writing) is left out. */
  public static TruthFile read(Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!new String(magic, StandardCharsets.US_ASCII).equals("VPPTRUTH") || in.readInt() != 1) {
        throw new IllegalArgumentException(file + " is not a truth file of this version");
      }
      int n = in.readInt();
      List<String> meters = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        meters.add(in.readUTF());
      }
      List<Long> starts = new ArrayList<>();
      List<float[]> w = new ArrayList<>();
      List<float[]> wo = new ArrayList<>();
      while (true) {
        try {
          long start = in.readLong();
          float[] a = new float[n];
          float[] b = new float[n];
          for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
          }
          for (int i = 0; i < n; i++) {
            b[i] = in.readFloat();
          }
          starts.add(start);
          w.add(a);
          wo.add(b);
        } catch (EOFException end) {
          break;
        }
      }
      return new TruthFile(
          meters,
          starts.stream().mapToLong(Long::longValue).toArray(),
          w.toArray(new float[0][]),
          wo.toArray(new float[0][]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the truth " + file + ": " + e.getMessage(), e);
    }
  }

  public List<String> meters() {
    return meters;
  }

  /**
   * What {@code meters} used over {@code window}, with the VPP and without it, kWh; empty when the
   * truth does not cover the window.
   */
  public Optional<double[]> over(List<String> meterIds, Interval window) {
    double w = 0;
    double wo = 0;
    int covered = 0;
    for (int k = 0; k < starts.length; k++) {
      Instant s = Instant.ofEpochSecond(starts[k]);
      if (!window.contains(s)) {
        continue;
      }
      covered++;
      for (String m : meterIds) {
        Integer i = index.get(m);
        if (i != null) {
          w += with[k][i];
          wo += without[k][i];
        }
      }
    }
    long wanted = window.length().toMinutes() / 15;
    return covered < wanted ? Optional.empty() : Optional.of(new double[] {w, wo});
  }
}
