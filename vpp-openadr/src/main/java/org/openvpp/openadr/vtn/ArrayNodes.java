package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Small JSON helpers. */
final class ArrayNodes {

  private ArrayNodes() {}

  static void setTargets(ObjectNode node, List<String> targets) {
    ArrayNode a = node.putArray("targets");
    targets.forEach(a::add);
  }
}
