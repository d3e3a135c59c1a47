package org.openvpp.openadr.vtn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers of its own (a request it refuses before any route sees it: a path with control
 * characters or an ambiguous separator, a malformed header, a body too large) as JSON instead of
 * Jetty's HTML page, so that every answer of an HTTP interface is JSON a client can read: by
 * default a problem ({@code type, title, status, detail}, RFC 9457's shape, which OpenADR 3 answers
 * with), or the body a given function writes (the service's API has its own error shape).
 *
 * <p>Threads: immutable; Jetty calls it from any thread.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private final java.util.function.BiFunction<Integer, String, String> body;

  private JsonErrorHandler(java.util.function.BiFunction<Integer, String, String> body) {
    this.body = body;
  }

  /** Installs it on {@code server}, answering with a problem. */
  public static void install(org.eclipse.jetty.server.Server server) {
    install(server, JsonErrorHandler::problem);
  }

  /**
   * Installs it on {@code server}, answering with {@code body(status, what Jetty said was wrong)}.
   */
  public static void install(
      org.eclipse.jetty.server.Server server,
      java.util.function.BiFunction<Integer, String, String> body) {
    server.setErrorHandler(new JsonErrorHandler(body));
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    String detail = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    byte[] bytes = body.apply(code, detail).getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static String problem(int code, String detail) {
    return ProblemException.problem(
            code, HttpStatus.getMessage(code), "the request was refused: " + detail)
        .toString();
  }
}
