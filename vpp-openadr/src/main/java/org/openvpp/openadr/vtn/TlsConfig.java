package org.openvpp.openadr.vtn;

import java.nio.file.Path;

/**
 * The VTN's TLS: a PKCS#12 key store holding its certificate chain and private key. The Definition
 * requires HTTPS (TLS 1.2 or later); a VTN without TLS belongs behind a proxy that terminates it.
 */
public record TlsConfig(Path keyStore, String password) {

  @Override
  public String toString() {
    return "TlsConfig[" + keyStore + ", password hidden]";
  }
}
