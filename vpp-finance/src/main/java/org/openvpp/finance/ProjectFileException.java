package org.openvpp.finance;

import java.util.OptionalInt;

/**
 * A project file that cannot be used. The message names the file, the line (when there is one to
 * name), the field and what was wrong: {@code project.yaml line 7: capital.per_kwh: must be a
 * number of USD, was 'abc'}.
 */
public final class ProjectFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String field;
  private final String problem;

  /**
   * @param source the file's name, as the user gave it
   * @param line 1-based, or 0 when no line applies (a key missing at the top, an empty file)
   * @param field the key's path, {@code capital.per_kwh}; empty when the file as a whole is wrong
   * @param problem what was wrong and what to write
   */
  ProjectFileException(String source, int line, String field, String problem) {
    super(
        source
            + (line > 0 ? " line " + line : "")
            + ": "
            + (field.isEmpty() ? "" : field + ": ")
            + problem);
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  /** The 1-based line, when one applies. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The key's path, for example {@code capital.per_kwh}; empty for the file as a whole. */
  public String field() {
    return field;
  }

  /** What was wrong, without the file, line and field. */
  public String problem() {
    return problem;
  }
}
