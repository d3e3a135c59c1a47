package org.openvpp.store;

/** The databases every repository test runs against. */
enum Backend {
  H2,
  POSTGRESQL
}
