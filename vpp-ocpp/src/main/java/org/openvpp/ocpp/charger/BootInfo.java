package org.openvpp.ocpp.charger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * What a charger says of itself at boot, the same for both versions.
 *
 * @param vendor 1.6 {@code chargePointVendor}, 2.0.1 {@code chargingStation.vendorName}
 * @param model 1.6 {@code chargePointModel}, 2.0.1 {@code chargingStation.model}
 * @param serialNumber 1.6 {@code chargePointSerialNumber}, 2.0.1 {@code
 *     chargingStation.serialNumber}
 * @param firmwareVersion the firmware's version, if given
 */
public record BootInfo(
    String vendor, String model, Optional<String> serialNumber, Optional<String> firmwareVersion) {

  /** Reads a BootNotification request valid against {@code version}'s schema. */
  static BootInfo of(OcppVersion version, JsonNode request) {
    return switch (version) {
      case V1_6 ->
          new BootInfo(
              request.path("chargePointVendor").asText(),
              request.path("chargePointModel").asText(),
              text(request, "chargePointSerialNumber"),
              text(request, "firmwareVersion"));
      case V2_0_1 -> {
        JsonNode station = request.path("chargingStation");
        yield new BootInfo(
            station.path("vendorName").asText(),
            station.path("model").asText(),
            text(station, "serialNumber"),
            text(station, "firmwareVersion"));
      }
    };
  }

  private static Optional<String> text(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }
}
