package org.openvpp.ocpp.rpc;

import java.nio.file.Path;

/** The OCPP schemas of ../shared/specs/ocpp, loaded once for all tests. */
public final class TestSchemas {
  private static final Schemas SCHEMAS =
      Schemas.load(Path.of(System.getProperty("openvpp.ocpp.schemas", "../../shared/specs/ocpp")));

  private TestSchemas() {}

  public static Schemas get() {
    return SCHEMAS;
  }
}
