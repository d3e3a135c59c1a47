package org.openvpp.store;

/** The SQL databases OpenVPP runs on. */
public enum Dialect {
  /** PostgreSQL, the system of record in production. */
  POSTGRESQL("postgresql"),
  /** H2 in PostgreSQL compatibility mode, the embedded default of {@code ./vpp up}. */
  H2("h2");

  private final String vendor;

  Dialect(String vendor) {
    this.vendor = vendor;
  }

  /** The folder of this dialect's own migrations under {@code db/migration}. */
  public String vendor() {
    return vendor;
  }

  static Dialect ofUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new StoreException(
        StoreException.Reason.CONFIGURATION,
        "unsupported database URL '"
            + jdbcUrl
            + "': use jdbc:postgresql://host:port/db or Database.embedded(folder)");
  }
}
