package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Device status messages, protocol version 1 ({@code docs/schemas/status.schema.json}). */
public final class StatusCodec {
  private static final Set<String> KEYS = Set.of("v", "state");

  private StatusCodec() {}

  /**
   * A decoded status, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code online} is present
   * @param online whether the device says it is online
   * @param problem what was wrong; empty when accepted
   */
  public record Result(Verdict verdict, Optional<Boolean> online, String problem) {}

  /** The payload saying a device is online or offline (also its last will). */
  public static byte[] encode(boolean online) {
    return ("{\"v\":1,\"state\":\"" + (online ? "online" : "offline") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Result decode(byte[] payload) {
    FlatJson.Checked checked = FlatJson.parse(payload, KEYS);
    if (checked.verdict() != Verdict.ACCEPTED) {
      return new Result(checked.verdict(), Optional.empty(), checked.problem());
    }
    Object v = checked.members().get("v");
    Object state = checked.members().get("state");
    if (v == null || state == null) {
      return new Result(Verdict.MISSING, Optional.empty(), "\"v\" and \"state\" are required");
    }
    if (!(v instanceof Double d) || d != 1) {
      return new Result(Verdict.OUT_OF_RANGE, Optional.empty(), "\"v\" must be 1");
    }
    if ("online".equals(state)) {
      return new Result(Verdict.ACCEPTED, Optional.of(true), "");
    }
    if ("offline".equals(state)) {
      return new Result(Verdict.ACCEPTED, Optional.of(false), "");
    }
    return new Result(
        Verdict.OUT_OF_RANGE,
        Optional.empty(),
        "\"state\" must be online or offline, was " + state);
  }
}
