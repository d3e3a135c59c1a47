package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies as the User Guide's examples write them. */
final class Bodies {

  private Bodies() {}

  static ObjectNode program(String name, String... targets) {
    return Api.object(
        """
        {"programName":"%s",
         "intervalPeriod":{"start":"2026-07-01T00:00:00Z","duration":"P1Y"},
         "programDescriptions":[{"URL":"https://utility.example/programs/peak"}],
         "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}],
         "attributes":[{"type":"LOCATION","values":["Fontana"]}],
         "targets":%s}
        """
            .formatted(name, array(targets)));
  }

  static ObjectNode event(String programId, String... targets) {
    return Api.object(
        """
        {"programID":"%s","eventName":"evening peak","priority":1,
         "targets":%s,
         "reportDescriptors":[{"payloadType":"USAGE","readingType":"DIRECT_READ","units":"KWH","aggregate":false,"startInterval":-1,"numIntervals":-1,"historical":true,"frequency":-1,"repeat":1}],
         "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}],
         "intervalPeriod":{"start":"2026-07-01T17:00:00Z","duration":"PT1H"},
         "intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[3.5]}]},
                      {"id":1,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[2.0]}]}]}
        """
            .formatted(programId, array(targets)));
  }

  static ObjectNode report(String eventId, String clientName) {
    return Api.object(
        """
        {"eventID":"%s","clientName":"%s","reportName":"usage",
         "payloadDescriptors":[{"objectType":"REPORT_PAYLOAD_DESCRIPTOR","payloadType":"USAGE","readingType":"DIRECT_READ","units":"KWH"}],
         "resources":[{"resourceName":"battery-1",
                       "intervalPeriod":{"start":"2026-07-01T17:00:00Z","duration":"PT1H"},
                       "intervals":[{"id":0,"payloads":[{"type":"USAGE","values":[0.8]}]}]}]}
        """
            .formatted(eventId, clientName));
  }

  static ObjectNode subscription(String clientName, String callback, String objects) {
    return Api.object(
        """
        {"clientName":"%s",
         "objectOperations":[{"objects":%s,"operations":["CREATE","UPDATE","DELETE"],
                              "callbackUrl":"%s","bearerToken":"hook-secret"}]}
        """
            .formatted(clientName, objects, callback));
  }

  static ObjectNode venByVen(String name) {
    return Api.object(
        """
        {"objectType":"VEN_VEN_REQUEST","venName":"%s","attributes":[{"type":"LOCATION","values":["CA"]}]}
        """
            .formatted(name));
  }

  static ObjectNode venByBl(String name, String clientId, String... targets) {
    return Api.object(
        """
        {"objectType":"BL_VEN_REQUEST","venName":"%s","clientID":"%s","targets":%s}
        """
            .formatted(name, clientId, array(targets)));
  }

  static ObjectNode resourceByVen(String name, String venId) {
    return Api.object(
        """
        {"objectType":"VEN_RESOURCE_REQUEST","resourceName":"%s","venID":"%s",
         "attributes":[{"type":"MAX_POWER_CONSUMPTION","values":[5.0]}]}
        """
            .formatted(name, venId));
  }

  static ObjectNode resourceByBl(String name, String venId, String clientId, String... targets) {
    return Api.object(
        """
        {"objectType":"BL_RESOURCE_REQUEST","resourceName":"%s","venID":"%s","clientID":"%s","targets":%s}
        """
            .formatted(name, venId, clientId, array(targets)));
  }

  private static String array(String... values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(values[i]).append('"');
    }
    return b.append(']').toString();
  }
}
