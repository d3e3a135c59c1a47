package org.openvpp.store;

/** How many rows are loaded at once. */
public enum BulkLoad {
  /** COPY on PostgreSQL (pgjdbc's CopyManager, CSV), a JDBC batch of INSERTs on H2. */
  COPY_WHERE_POSSIBLE,
  /** A JDBC batch of INSERTs on either dialect (for comparison: see ./vpp bench store). */
  JDBC_BATCH
}
