package org.openvpp.server.cli;

/** A command line that cannot be run; its message says what was wrong. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
