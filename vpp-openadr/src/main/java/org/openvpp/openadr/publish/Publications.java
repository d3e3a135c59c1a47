package org.openvpp.openadr.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Targeting;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * OpenVPP's programs and events as OpenADR 3.1 request bodies, the inverse of the VEN's mapping
 * ({@code ven.OpenAdrEvent}), so that an OpenVPP event published and read back is the same event.
 *
 * <ul>
 *   <li>A program: {@code programName} its id, {@code programLongName} its name, {@code
 *       intervalPeriod} its season, and the {@code SIMPLE} payload descriptor its events carry.
 *   <li>An event: one interval over its window with {@code SIMPLE} level 2 (high load shed: a peak
 *       event), and {@code DISPATCH_SETPOINT_RELATIVE} of minus the requested reduction in KW when
 *       a figure is asked; targets {@code group:NAME} (a group other than the fleet), {@code
 *       region:NAME} and {@code feeder:NAME} (a program event's targeting); reports asked: {@code
 *       USAGE} and {@code BASELINE} in KWH and {@code DEMAND} in KW, over the event.
 * </ul>
 */
public final class Publications {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The SIMPLE level of a peak event: "high load shed". */
  static final int PEAK_LEVEL = 2;

  private Publications() {}

  /** A {@code programRequest} for {@code program}. */
  public static ObjectNode program(Program program) {
    ObjectNode p = program(program.id(), program.name());
    Interval season = program.limits().season();
    p.set("intervalPeriod", period(season));
    return p;
  }

  /** A {@code programRequest} named {@code id}, for {@code name}. */
  public static ObjectNode program(String id, String name) {
    ObjectNode p = JSON.createObjectNode();
    p.put("programName", id);
    p.put("programLongName", name);
    descriptor(p.putArray("payloadDescriptors"), "SIMPLE", "");
    return p;
  }

  /** An {@code eventRequest} of the VTN's program {@code programId} for a grid event. */
  public static ObjectNode event(GridEvent event, String programId) {
    List<String> targets = new ArrayList<>();
    if (!event.target().equals(GroupId.FLEET)) {
      targets.add("group:" + event.target().value());
    }
    return event(programId, event.id(), event.window(), event.requested(), targets);
  }

  /** An {@code eventRequest} of the VTN's program {@code programId} for a program event. */
  public static ObjectNode event(ProgramEvent event, String programId) {
    Targeting t = event.targeting();
    List<String> targets = new ArrayList<>();
    t.region().ifPresent(r -> targets.add("region:" + r));
    t.feeder().ifPresent(f -> targets.add("feeder:" + f));
    return event(programId, event.id(), event.window(), event.requested(), targets);
  }

  private static ObjectNode event(
      String programId,
      String name,
      Interval window,
      Optional<Power> requested,
      List<String> targets) {
    ObjectNode e = JSON.createObjectNode();
    e.put("programID", programId);
    e.put("eventName", name);
    e.put("priority", 0);
    ArrayNode t = e.putArray("targets");
    targets.forEach(t::add);
    ArrayNode reports = e.putArray("reportDescriptors");
    report(reports, "USAGE", "DIRECT_READ", "KWH");
    report(reports, "BASELINE", "ESTIMATED", "KWH");
    report(reports, "DEMAND", "DIRECT_READ", "KW");
    ArrayNode descriptors = e.putArray("payloadDescriptors");
    descriptor(descriptors, "SIMPLE", "");
    requested.ifPresent(r -> descriptor(descriptors, "DISPATCH_SETPOINT_RELATIVE", "KW"));
    e.set("intervalPeriod", period(window));
    ObjectNode interval = e.putArray("intervals").addObject();
    interval.put("id", 0);
    ArrayNode payloads = interval.putArray("payloads");
    ObjectNode simple = payloads.addObject();
    simple.put("type", "SIMPLE");
    simple.putArray("values").add(PEAK_LEVEL);
    requested.ifPresent(
        r -> {
          ObjectNode d = payloads.addObject();
          d.put("type", "DISPATCH_SETPOINT_RELATIVE");
          d.putArray("values").add(-r.kilowatts());
        });
    return e;
  }

  private static ObjectNode period(Interval window) {
    ObjectNode p = JSON.createObjectNode();
    p.put("start", window.start().toString());
    p.put("duration", window.length().toString());
    return p;
  }

  private static void descriptor(ArrayNode into, String type, String units) {
    ObjectNode d = into.addObject();
    d.put("objectType", "EVENT_PAYLOAD_DESCRIPTOR");
    d.put("payloadType", type);
    if (!units.isEmpty()) {
      d.put("units", units);
    }
  }

  private static void report(ArrayNode into, String type, String reading, String units) {
    ObjectNode r = into.addObject();
    r.put("payloadType", type);
    r.put("readingType", reading);
    r.put("units", units);
  }
}
