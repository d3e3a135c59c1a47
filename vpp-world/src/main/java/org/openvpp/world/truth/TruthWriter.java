package org.openvpp.world.truth;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.openvpp.time.Interval;

/**
 * Writes the simulation's truth as it happens: for every site (by meter id) and every 15-minute
 * interval, its net energy with the VPP (what its meter measured) and without it (the same home,
 * never commanded: what only a simulation knows), the whole fleet's energy per device kind with and
 * without, and for each utility event what the program's batteries could truly have held. Only
 * evaluation reads it ({@code org.openvpp.world.eval.TruthFile}); the service never does.
 *
 * <p>Format (big-endian): the magic {@code VPPTRUTH}, a version (int 2), the number of sites (int),
 * each meter id (UTF), the number of device kinds (int), each kind's name (UTF); then records, each
 * opened by a tag byte:
 *
 * <ul>
 *   <li>{@code 'I'} an interval: its start (long, epoch seconds), the sites' kWh with the VPP
 *       (floats, in header order), the sites' kWh without it, the kinds' kWh with the VPP (floats,
 *       in header order), the kinds' kWh without it;
 *   <li>{@code 'E'} an event's holdable reduction: the program id (UTF), the window's start and end
 *       (longs, epoch seconds), the batteries counted (int), the flat reduction they could have
 *       held through the window (double, kWh).
 * </ul>
 *
 * <p>Threads: the world's.
 */
public final class TruthWriter implements AutoCloseable {
  static final String MAGIC = "VPPTRUTH";
  static final int VERSION = 2;

  private final DataOutputStream out;
  private final int sites;
  private final int kinds;

  public TruthWriter(Path file, List<String> meters, List<String> kindNames) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      out.writeBytes(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(meters.size());
      for (String m : meters) {
        out.writeUTF(m);
      }
      out.writeInt(kindNames.size());
      for (String k : kindNames) {
        out.writeUTF(k);
      }
      this.sites = meters.size();
      this.kinds = kindNames.size();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the truth to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One interval: each site's kWh with the VPP and without it, in header order, and each kind's kWh
   * over the fleet with and without it.
   */
  public void interval(
      Instant start,
      double[] withKwh,
      double[] withoutKwh,
      double[] kindsWithKwh,
      double[] kindsWithoutKwh) {
    if (withKwh.length != sites || withoutKwh.length != sites) {
      throw new IllegalArgumentException("need " + sites + " sites' values");
    }
    if (kindsWithKwh.length != kinds || kindsWithoutKwh.length != kinds) {
      throw new IllegalArgumentException("need " + kinds + " kinds' values");
    }
    try {
      out.writeByte('I');
      out.writeLong(start.getEpochSecond());
      for (double[] row : new double[][] {withKwh, withoutKwh, kindsWithKwh, kindsWithoutKwh}) {
        for (double v : row) {
          out.writeFloat((float) v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the truth: " + e.getMessage(), e);
    }
  }

  /** What a program's batteries could truly have held through an event: see {@link Holdable}. */
  public void event(String programId, Interval window, int batteries, double holdableKwh) {
    try {
      out.writeByte('E');
      out.writeUTF(programId);
      out.writeLong(window.start().getEpochSecond());
      out.writeLong(window.end().getEpochSecond());
      out.writeInt(batteries);
      out.writeDouble(holdableKwh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the truth: " + e.getMessage(), e);
    }
  }

  /** Writes what is buffered (an evaluation may read the file while the world runs on). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
