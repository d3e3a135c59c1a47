package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvpp.openadr.object.Operation;

/**
 * The MQTT topic names of the VTN's notifier ({@code notifierOperationsTopics}): under a prefix,
 * the collection and the operation, as in the Definition's example ({@code programs/create}), with
 * per-object and per-ven branches. {@code ALL} is the single-level wildcard over the operations.
 */
record MqttTopics(String prefix) {

  /**
   * The topic for {@code operation} under the branch {@code path} (for example {@code programs}).
   */
  String topic(String path, Operation operation) {
    return prefix + "/" + path + "/" + operation.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@code notifierTopicsResponse} for a branch; {@code withCreate} false for one object. */
  ObjectNode response(String path, boolean withCreate) {
    ObjectNode topics = JsonNodeFactory.instance.objectNode();
    if (withCreate) {
      topics.put("CREATE", topic(path, Operation.CREATE));
    }
    topics.put("UPDATE", topic(path, Operation.UPDATE));
    topics.put("DELETE", topic(path, Operation.DELETE));
    topics.put("ALL", prefix + "/" + path + "/+");
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("topics", topics);
    return out;
  }
}
