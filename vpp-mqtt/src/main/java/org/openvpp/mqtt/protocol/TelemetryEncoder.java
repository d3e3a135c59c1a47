package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import org.openvpp.twin.Telemetry;

/**
 * Telemetry payloads of protocol version 1, as a device writes them (the reverse of {@link
 * TelemetryDecoder}).
 */
public final class TelemetryEncoder {
  private TelemetryEncoder() {}

  /** The payload of {@code t}; stored energy and temperature only where the device has them. */
  public static byte[] encode(Telemetry t) {
    StringBuilder sb = new StringBuilder(96);
    sb.append("{\"v\":1,\"seq\":")
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
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  // Four decimals: a tenth of a watt, a tenth of a watt-hour, a ten-thousandth of a degree.
  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
