package org.openvpp.device;

import java.util.Objects;

/**
 * The resources a partner's cloud (a device maker's, a sub-aggregator's) brings through OpenADR, as
 * one twin: OpenVPP does not command them itself, it sends the partner events, and it knows them by
 * the usage the partner reports. No ratings: the partner reports none.
 *
 * @param id the twin's id, {@code partner:<the partner's client id>}
 * @param partner the partner's client id on OpenVPP's VTN
 */
public record PartnerResource(DeviceId id, String partner) implements Device {
  public PartnerResource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(partner, "partner");
    if (partner.isBlank()) {
      throw new IllegalArgumentException("a partner resource needs its partner's client id");
    }
  }

  /** The twin of {@code partner}'s resources. */
  public static PartnerResource of(String partner) {
    return new PartnerResource(DeviceId.of("partner:" + partner), partner);
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.PARTNER_RESOURCE;
  }
}
