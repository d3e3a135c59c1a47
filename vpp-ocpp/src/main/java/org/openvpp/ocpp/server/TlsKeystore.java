package org.openvpp.ocpp.server;

import java.nio.file.Path;

/**
 * The central system's TLS certificate and key for security profile 2: a PKCS12 keystore file and
 * its password (the same for the key). {@link #toString} hides the password.
 */
public record TlsKeystore(Path path, String password) {
  @Override
  public String toString() {
    return "TlsKeystore[path=" + path + ", password=(hidden)]";
  }
}
