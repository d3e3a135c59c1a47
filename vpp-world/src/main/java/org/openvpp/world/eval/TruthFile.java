package org.openvpp.world.eval;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.time.Interval;

/**
 * The simulation's truth as {@code TruthWriter} wrote it, read whole: each site's net energy per
 * interval with the VPP and without it, the fleet's energy per device kind with and without, and
 * what each event's batteries could truly have held. Evaluation only.
 */
public final class TruthFile {
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  /**
   * What a program's batteries could truly have held through an event ({@code
   * org.openvpp.world.truth.Holdable}).
   *
   * @param batteries the batteries counted: taking part, answering commands, online at the start
   * @param reductionKwh the largest flat reduction they could have held through the window
   */
  public record Holdable(String programId, Interval window, int batteries, double reductionKwh) {}

  private final List<String> meters;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> kindIndex = new HashMap<>();
  private final long[] starts;
  private final float[][] with; // [interval][site]
  private final float[][] without;
  private final float[][] kindsWith; // [interval][kind]
  private final float[][] kindsWithout;
  private final List<Holdable> holdable;

  private TruthFile(
      List<String> meters,
      List<String> kinds,
      long[] starts,
      float[][][] values,
      List<Holdable> holdable) {
    this.meters = List.copyOf(meters);
    for (int i = 0; i < meters.size(); i++) {
      index.put(meters.get(i), i);
    }
    for (int i = 0; i < kinds.size(); i++) {
      kindIndex.put(kinds.get(i), i);
    }
    this.starts = starts;
    this.with = values[0];
    this.without = values[1];
    this.kindsWith = values[2];
    this.kindsWithout = values[3];
    this.holdable = List.copyOf(holdable);
  }

  /** Reads {@code file}; a record cut short at the end (a world still writing) is left out. */
  public static TruthFile read(Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!new String(magic, StandardCharsets.US_ASCII).equals("VPPTRUTH") || in.readInt() != 2) {
        throw new IllegalArgumentException(file + " is not a truth file of this version");
      }
      List<String> meters = names(in);
      List<String> kinds = names(in);
      int n = meters.size();
      int m = kinds.size();
      List<Long> starts = new ArrayList<>();
      List<List<float[]>> rows =
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      List<Holdable> holdable = new ArrayList<>();
      while (true) {
        try {
          int tag = in.readUnsignedByte();
          if (tag == 'I') {
            long start = in.readLong();
            float[][] r = {floats(in, n), floats(in, n), floats(in, m), floats(in, m)};
            starts.add(start);
            for (int i = 0; i < 4; i++) {
              rows.get(i).add(r[i]);
            }
          } else if (tag == 'E') {
            String program = in.readUTF();
            Instant a = Instant.ofEpochSecond(in.readLong());
            Instant b = Instant.ofEpochSecond(in.readLong());
            int batteries = in.readInt();
            double kwh = in.readDouble();
            holdable.add(new Holdable(program, new Interval(a, b), batteries, kwh));
          } else {
            throw new IllegalArgumentException(
                file
                    + " holds a record of unknown kind "
                    + tag
                    + " after "
                    + starts.size()
                    + " intervals");
          }
        } catch (EOFException end) {
          break;
        }
      }
      float[][][] values = new float[4][][];
      for (int i = 0; i < 4; i++) {
        values[i] = rows.get(i).subList(0, starts.size()).toArray(new float[0][]);
      }
      return new TruthFile(
          meters, kinds, starts.stream().mapToLong(Long::longValue).toArray(), values, holdable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the truth " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> names(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }

  private static float[] floats(DataInputStream in, int n) throws IOException {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readFloat();
    }
    return a;
  }

  public List<String> meters() {
    return meters;
  }

  /** What each event's batteries could truly have held, in the order the events ended. */
  public List<Holdable> holdable() {
    return holdable;
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
      if (!window.contains(Instant.ofEpochSecond(starts[k]))) {
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
    return covered < wanted(window) ? Optional.empty() : Optional.of(new double[] {w, wo});
  }

  /**
   * The highest 15-minute demand of {@code meters} together over {@code window}, with the VPP and
   * without it, kW; empty when the truth does not cover the window.
   */
  public Optional<double[]> peaks(List<String> meterIds, Interval window) {
    double w = Double.NEGATIVE_INFINITY;
    double wo = Double.NEGATIVE_INFINITY;
    int covered = 0;
    double perHour = 3600.0 / INTERVAL.toSeconds();
    for (int k = 0; k < starts.length; k++) {
      if (!window.contains(Instant.ofEpochSecond(starts[k]))) {
        continue;
      }
      covered++;
      double a = 0;
      double b = 0;
      for (String m : meterIds) {
        Integer i = index.get(m);
        if (i != null) {
          a += with[k][i];
          b += without[k][i];
        }
      }
      w = Math.max(w, a * perHour);
      wo = Math.max(wo, b * perHour);
    }
    return covered < wanted(window) || covered == 0
        ? Optional.empty()
        : Optional.of(new double[] {w, wo});
  }

  /**
   * What all devices of {@code kind} (a device kind's name) used over {@code window}, with the VPP
   * and without it, kWh; empty when the truth does not keep the kind or cover the window.
   */
  public Optional<double[]> kindOver(String kind, Interval window) {
    Integer i = kindIndex.get(kind);
    if (i == null) {
      return Optional.empty();
    }
    double w = 0;
    double wo = 0;
    int covered = 0;
    for (int k = 0; k < starts.length; k++) {
      if (window.contains(Instant.ofEpochSecond(starts[k]))) {
        covered++;
        w += kindsWith[k][i];
        wo += kindsWithout[k][i];
      }
    }
    return covered < wanted(window) ? Optional.empty() : Optional.of(new double[] {w, wo});
  }

  /** A group's energy per interval with the VPP and without it, from {@link #start}. */
  public static final class Series {
    private final Instant start;
    private final double[] with;
    private final double[] without;

    Series(Instant start, double[] with, double[] without) {
      this.start = start;
      this.with = with;
      this.without = without;
    }

    /** The first interval's start. */
    public Instant start() {
      return start;
    }

    public int count() {
      return with.length;
    }

    /** The first {@code n} intervals with the VPP, kWh. */
    public double[] with(int n) {
      return Arrays.copyOf(with, n);
    }

    /** The first {@code n} intervals without the VPP, kWh. */
    public double[] without(int n) {
      return Arrays.copyOf(without, n);
    }
  }

  /**
   * The sum of {@code meters} per interval with the VPP and without it, over the whole truth (its
   * intervals follow each other); empty when the truth holds no interval.
   */
  public Optional<Series> group(List<String> meterIds) {
    if (starts.length == 0) {
      return Optional.empty();
    }
    double[] w = new double[starts.length];
    double[] wo = new double[starts.length];
    for (int k = 0; k < starts.length; k++) {
      if (starts[k] != starts[0] + k * INTERVAL.toSeconds()) {
        throw new IllegalStateException("the truth skips intervals after " + starts[k - 1]);
      }
      for (String m : meterIds) {
        Integer i = index.get(m);
        if (i != null) {
          w[k] += with[k][i];
          wo[k] += without[k][i];
        }
      }
    }
    return Optional.of(new Series(Instant.ofEpochSecond(starts[0]), w, wo));
  }

  private static long wanted(Interval window) {
    return window.length().toSeconds() / INTERVAL.toSeconds();
  }
}
