package org.openvpp.sim.ev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Real EV charging sessions (Caltech ACN, March 2019), shipped in this module's resources, as pairs
 * of plug-in duration and energy requested: what a simulated EV resamples.
 *
 * <p>Immutable; safe to share.
 */
public final class ChargingSessions {
  private static final String FILE = "/org/openvpp/data/caltech/caltech_acn_2019-03-01_to_14.csv";

  /**
   * One real session.
   *
   * @param arrival when the car plugged in
   * @param duration how long it stayed plugged in
   * @param requestedKwh energy the driver asked for
   */
  public record Session(Instant arrival, Duration duration, double requestedKwh) {}

  private final List<Session> sessions;
  private final int stations;

  private ChargingSessions(List<Session> sessions, int stations) {
    this.sessions = List.copyOf(sessions);
    this.stations = stations;
  }

  public static ChargingSessions load() {
    try (InputStream in = ChargingSessions.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FILE + "; the build is incomplete");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      if (header == null || !header.startsWith("session_id,station_id,arrival_utc,departure_utc")) {
        throw new IllegalStateException(FILE + " has an unexpected header: " + header);
      }
      List<Session> list = new ArrayList<>();
      java.util.Set<String> stationIds = new java.util.HashSet<>();
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        String[] f = line.split(",", -1);
        try {
          Instant arrival = Instant.parse(f[2]);
          Instant departure = Instant.parse(f[3]);
          double kwh = Double.parseDouble(f[4]);
          if (!departure.isAfter(arrival) || !(kwh > 0)) {
            throw new IllegalArgumentException("departure before arrival or no energy");
          }
          list.add(new Session(arrival, Duration.between(arrival, departure), kwh));
          stationIds.add(f[1]);
        } catch (RuntimeException e) {
          throw new IllegalStateException(FILE + " line " + n + " is malformed: " + line, e);
        }
      }
      return new ChargingSessions(list, stationIds.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
  }

  public List<Session> sessions() {
    return sessions;
  }

  /** How many distinct charging stations the sessions used. */
  public int stations() {
    return stations;
  }

  public int size() {
    return sessions.size();
  }

  public Session get(int i) {
    return sessions.get(i);
  }
}
