package org.openvpp.world.truth;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the simulation's truth as it happens: for every site (by meter id) and every 15-minute
 * interval, its net energy with the VPP (what its meter measured) and without it (the same home,
 * never commanded: what only a simulation knows). Only evaluation reads it ({@code
 * org.openvpp.world.eval.TruthFile}); the service never does.
 *
 * <p>Format (big-endian): the magic {@code VPPTRUTH}, a version (int 1), the number of sites (int),
 * each meter id (UTF), then one record per interval: its start (long, epoch seconds), the sites'
 * kWh with the VPP (floats, in header order), the sites' kWh without it (floats).
 *
 * <p>Threads: the world's.
 */
public final class TruthWriter implements AutoCloseable {
  static final String MAGIC = "VPPTRUTH";

  private final DataOutputStream out;
  private final int sites;

  public TruthWriter(Path file, List<String> meters) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      out.writeBytes(MAGIC);
      out.writeInt(1);
      out.writeInt(meters.size());
      for (String m : meters) {
        out.writeUTF(m);
      }
      this.sites = meters.size();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the truth to " + file + ": " + e.getMessage(), e);
    }
  }

  /** One interval: each site's kWh with the VPP and without it, in header order. */
  public void interval(Instant start, double[] withKwh, double[] withoutKwh) {
    if (withKwh.length != sites || withoutKwh.length != sites) {
      throw new IllegalArgumentException("need " + sites + " sites' values");
    }
    try {
      out.writeLong(start.getEpochSecond());
      for (double v : withKwh) {
        out.writeFloat((float) v);
      }
      for (double v : withoutKwh) {
        out.writeFloat((float) v);
      }
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
