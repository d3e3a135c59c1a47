package org.openvpp.ocpp.transaction;

import java.util.Objects;

/**
 * Who asks to charge: a 1.6 {@code idTag} (type {@link #ID_TAG}) or a 2.0.1 {@code idToken} with
 * its type ({@code ISO14443}, {@code eMAID}, {@code Central}, …).
 */
public record IdToken(String value, String type) {
  /** The type given to a 1.6 idTag, which has none on the wire. */
  public static final String ID_TAG = "IdTag";

  public IdToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
  }

  /** A 1.6 idTag. */
  public static IdToken idTag(String value) {
    return new IdToken(value, ID_TAG);
  }
}
