package org.openvpp.mqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;

/**
 * Commands to devices and their acknowledgements, protocol version 1 ({@code
 * docs/schemas/command.schema.json}, {@code ack.schema.json}).
 */
public final class CommandCodec {

  private static final Set<String> ACK_KEYS = Set.of("v", "id", "seq", "status", "reason");

  private CommandCodec() {}

  /**
   * A device's acknowledgement.
   *
   * @param commandId the command's id
   * @param sequence the command's sequence
   * @param status what the device did with it
   * @param reason why, when it rejected it
   */
  public record Ack(
      String commandId, long sequence, CommandLedger.AckStatus status, Optional<String> reason) {}

  /**
   * A decoded acknowledgement, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code ack} is present
   * @param ack the acknowledgement
   * @param problem what was wrong, for the log; empty when accepted
   */
  public record AckResult(Verdict verdict, Optional<Ack> ack, String problem) {}

  /** The payload of a power command. */
  public static byte[] encode(Command c) {
    String json =
        String.format(
            Locale.ROOT,
            "{\"v\":1,\"id\":\"%s\",\"seq\":%d,\"type\":\"power\",\"setpoint_kw\":%s,"
                + "\"issued\":%d,\"expires\":%d}",
            CommandLedger.idOf(c),
            c.sequence(),
            Double.toString(c.setpoint().kilowatts()),
            c.issued().toEpochMilli(),
            c.expires().toEpochMilli());
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static final Set<String> COMMAND_KEYS =
      Set.of("v", "id", "seq", "type", "setpoint_kw", "issued", "expires");

  /**
   * A decoded command, or why it could not be.
   *
   * @param verdict {@link Verdict#ACCEPTED} when {@code command} is present
   * @param command the command
   * @param problem what was wrong; empty when accepted
   */
  public record CommandResult(Verdict verdict, Optional<Command> command, String problem) {}

  /** Decodes a power command for device {@code device} (from its topic): the device's side. */
  public static CommandResult decodeCommand(String device, byte[] payload) {
    FlatJson.Checked checked = FlatJson.parse(payload, COMMAND_KEYS);
    if (checked.verdict() != Verdict.ACCEPTED) {
      return new CommandResult(checked.verdict(), Optional.empty(), checked.problem());
    }
    Map<String, Object> m = checked.members();
    for (String k : COMMAND_KEYS) {
      if (!m.containsKey(k)) {
        return new CommandResult(Verdict.MISSING, Optional.empty(), "no \"" + k + "\"");
      }
    }
    if (!"power".equals(m.get("type"))) {
      return new CommandResult(
          Verdict.OUT_OF_RANGE,
          Optional.empty(),
          "only \"power\" commands are known, was " + m.get("type"));
    }
    if (!(m.get("v") instanceof Double v && v == 1)
        || !(m.get("seq") instanceof Double seq)
        || !(m.get("setpoint_kw") instanceof Double kw)
        || !(m.get("issued") instanceof Double issued)
        || !(m.get("expires") instanceof Double expires)) {
      return new CommandResult(
          Verdict.MALFORMED,
          Optional.empty(),
          "v, seq, setpoint_kw, issued and expires must be numbers (v 1)");
    }
    try {
      return new CommandResult(
          Verdict.ACCEPTED,
          Optional.of(
              new Command(
                  org.openvpp.device.DeviceId.of(device),
                  seq.longValue(),
                  org.openvpp.units.Power.ofKilowatts(kw),
                  java.time.Instant.ofEpochMilli(issued.longValue()),
                  java.time.Instant.ofEpochMilli(expires.longValue()))),
          "");
    } catch (IllegalArgumentException e) {
      return new CommandResult(
          Verdict.OUT_OF_RANGE, Optional.empty(), String.valueOf(e.getMessage()));
    }
  }

  /** An acknowledgement's payload. */
  public static byte[] encodeAck(Ack ack) {
    String reason =
        ack.reason()
            .map(r -> ",\"reason\":\"" + r.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .orElse("");
    return String.format(
            Locale.ROOT,
            "{\"v\":1,\"id\":\"%s\",\"seq\":%d,\"status\":\"%s\"%s}",
            ack.commandId(),
            ack.sequence(),
            ack.status().name().toLowerCase(Locale.ROOT),
            reason)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes and checks an acknowledgement. */
  public static AckResult decodeAck(byte[] payload) {
    FlatJson.Checked checked = FlatJson.parse(payload, ACK_KEYS);
    if (checked.verdict() != Verdict.ACCEPTED) {
      return refused(checked.verdict(), checked.problem());
    }
    Map<String, Object> m = checked.members();
    for (String k : new String[] {"v", "id", "seq", "status"}) {
      if (!m.containsKey(k)) {
        return refused(Verdict.MISSING, "no \"" + k + "\"");
      }
    }
    if (!(m.get("v") instanceof Double v) || v != 1) {
      return refused(Verdict.OUT_OF_RANGE, "\"v\" must be 1");
    }
    if (!(m.get("id") instanceof String id) || id.isEmpty() || id.length() > 64) {
      return refused(Verdict.MALFORMED, "\"id\" must be a text of 1-64 characters");
    }
    if (!(m.get("seq") instanceof Double seq) || seq < 0 || seq != Math.rint(seq) || seq > 9e15) {
      return refused(Verdict.OUT_OF_RANGE, "\"seq\" must be a whole number >= 0");
    }
    if (!(m.get("status") instanceof String status)) {
      return refused(Verdict.MALFORMED, "\"status\" must be a text");
    }
    CommandLedger.AckStatus s;
    try {
      s = CommandLedger.AckStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return refused(
          Verdict.OUT_OF_RANGE,
          "\"status\" must be accepted, rejected, superseded or expired, was \"" + status + "\"");
    }
    Object reason = m.get("reason");
    if (reason != null && !(reason instanceof String r && r.length() <= 200)) {
      return refused(Verdict.MALFORMED, "\"reason\" must be a text of at most 200 characters");
    }
    Optional<String> why = reason instanceof String r ? Optional.of(r) : Optional.empty();
    return new AckResult(Verdict.ACCEPTED, Optional.of(new Ack(id, seq.longValue(), s, why)), "");
  }

  private static AckResult refused(Verdict v, String problem) {
    return new AckResult(v, Optional.empty(), problem);
  }
}
