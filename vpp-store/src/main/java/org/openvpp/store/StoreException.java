package org.openvpp.store;

/**
 * A store could not do what it was asked: the database refused or could not be reached, or a value
 * cannot be kept exactly. The message says which, and what to do.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
