package org.openvpp.ocpp.rpc;

import java.util.Optional;

/** The OCPP versions the central system speaks, each by its WebSocket subprotocol. */
public enum OcppVersion {
  /** OCPP 1.6 over JSON (1.6J). */
  V1_6("ocpp1.6", "1.6"),
  /** OCPP 2.0.1. */
  V2_0_1("ocpp2.0.1", "2.0.1");

  private final String subprotocol;
  private final String number;

  OcppVersion(String subprotocol, String number) {
    this.subprotocol = subprotocol;
    this.number = number;
  }

  /** The WebSocket subprotocol naming this version, such as {@code ocpp1.6}. */
  public String subprotocol() {
    return subprotocol;
  }

  /** The version number, such as {@code 2.0.1}: also the schemas' folder name. */
  public String number() {
    return number;
  }

  /** The version a subprotocol names, if it names one (exact, as OCPP spells them). */
  public static Optional<OcppVersion> ofSubprotocol(String subprotocol) {
    for (OcppVersion v : values()) {
      if (v.subprotocol.equals(subprotocol)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "OCPP " + number;
  }
}
