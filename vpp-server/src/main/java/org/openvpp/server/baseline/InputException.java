package org.openvpp.server.baseline;

/** An input file that cannot be used; the message names the file, the line and what was wrong. */
public final class InputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InputException(String file, int line, String what) {
    super(file + (line > 0 ? " line " + line : "") + ": " + what);
  }
}
