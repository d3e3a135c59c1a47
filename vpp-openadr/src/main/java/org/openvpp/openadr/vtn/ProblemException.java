package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal with the status and the {@code problem} object (RFC 7807) the definition gives for it.
 */
final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  ProblemException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "Unauthorized", detail);
  }

  static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  int status() {
    return status;
  }

  ObjectNode toJson() {
    return problem(status, title, String.valueOf(getMessage()));
  }

  static ObjectNode problem(int status, String title, String detail) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("type", "about:blank");
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    return p;
  }
}
