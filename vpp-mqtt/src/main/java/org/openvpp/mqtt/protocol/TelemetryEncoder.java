package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openvpp.twin.Telemetry;

/**
 * Telemetry payloads of protocol version 1, as a device (or a device cloud, in batches) writes
 * them: the reverse of {@link TelemetryDecoder}.
 */
public final class TelemetryEncoder {
  private TelemetryEncoder() {}

  /** The payload of {@code t}; stored energy and temperature only where the device has them. */
  public static byte[] encode(Telemetry t) {
    StringBuilder sb = new StringBuilder(96).append("{\"v\":1,");
    body(sb, t);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A device cloud's batch of {@code reports} ({@code vpp/v1/c/{cloud}/telemetry}), each with its
   * device's {@code id}.
   *
   * @throws IllegalArgumentException when there are none, more than {@link
   *     TelemetryBatch#MAX_REPORTS}, or they take more than {@link TelemetryBatch#MAX_PAYLOAD}
   *     bytes: split them over several messages
   */
  public static byte[] encodeBatch(List<Telemetry> reports) {
    if (reports.isEmpty() || reports.size() > TelemetryBatch.MAX_REPORTS) {
      throw new IllegalArgumentException(
          "a batch carries 1 to "
              + TelemetryBatch.MAX_REPORTS
              + " reports, was "
              + reports.size()
              + ": split them over several messages");
    }
    StringBuilder sb = new StringBuilder(128 * reports.size()).append("{\"v\":1,\"reports\":[");
    for (int i = 0; i < reports.size(); i++) {
      Telemetry t = reports.get(i);
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(t.device().value()).append("\",");
      body(sb, t);
      sb.append('}');
    }
    byte[] out = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    if (out.length > TelemetryBatch.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          reports.size()
              + " reports take "
              + out.length
              + " bytes, over "
              + TelemetryBatch.MAX_PAYLOAD
              + ": split them over several messages");
    }
    return out;
  }

  private static void body(StringBuilder sb, Telemetry t) {
    sb.append("\"seq\":")
        .append(t.sequence())
        .append(",\"ts\":")
        .append(t.at().toEpochMilli())
        .append(",\"p_kw\":")
        .append(round(t.power().kilowatts()));
    if (t.stored().wattHours() != 0) {
      sb.append(",\"e_kwh\":").append(round(t.stored().kilowattHours()));
    }
    t.temperature().ifPresent(c -> sb.append(",\"t_c\":").append(round(c.celsius())));
    t.pluggedIn().ifPresent(p -> sb.append(",\"plug\":").append(p));
    t.need()
        .ifPresent(
            n ->
                sb.append(",\"need_kwh\":")
                    .append(round(n.energy().kilowattHours()))
                    .append(",\"ready_ts\":")
                    .append(n.readyBy().toEpochMilli()));
  }

  // Four decimals: a tenth of a watt, a tenth of a watt-hour, a ten-thousandth of a degree.
  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
