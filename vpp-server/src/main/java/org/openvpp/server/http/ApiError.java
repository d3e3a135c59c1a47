package org.openvpp.server.http;

import java.util.List;
import java.util.Optional;

/**
 * A refused request: an HTTP status, a stable machine-readable {@code code}, a message that says
 * what was wrong and what to do, and where the register or a file reader gave one, its reason code
 * ({@code EVENT_LIMIT}, {@code WRONG_UNITS}…) and the lines it refused. Thrown by routes; the face
 * answers it as {@link Body}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * What a refused request is answered with.
   *
   * @param code the stable code, such as {@code conflict}
   * @param message what was wrong and what to do
   * @param reason the register's or reader's reason code, where there is one
   * @param errors each refused line, where a file was refused line by line
   */
  record Body(
      String code, String message, Optional<String> reason, Optional<List<String>> errors) {}

  private final int status;
  private final String code;
  private final Optional<String> reason;
  private final List<String> errors;

  ApiError(int status, String code, String message) {
    this(status, code, message, Optional.empty(), List.of());
  }

  ApiError(int status, String code, String message, Optional<String> reason, List<String> errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  static ApiError conflict(String message, String reason) {
    return new ApiError(409, "conflict", message, Optional.of(reason), List.of());
  }

  static ApiError notReady(int status, String message) {
    return new ApiError(status, "not_ready", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Body body() {
    return new Body(
        code,
        String.valueOf(getMessage()),
        reason,
        errors.isEmpty() ? Optional.empty() : Optional.of(errors));
  }
}
