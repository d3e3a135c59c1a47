package org.openvpp.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An API error: an HTTP status, a stable machine-readable {@code code} ({@code bad_request}, {@code
 * not_found}, {@code not_ready}) and a message that says what was wrong and how to fix it. The body
 * is {@code {"code": ..., "message": ...}}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  String json(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("code", code);
    o.put("message", String.valueOf(getMessage()));
    return o.toString();
  }
}
