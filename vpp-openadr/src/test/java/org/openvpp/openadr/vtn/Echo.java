package org.openvpp.openadr.vtn;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The answer of a webhook receiver to the VTN's callback challenge: 200 with the echo value. */
final class Echo {

  private Echo() {}

  static void answer(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String echo = "";
    if (query != null) {
      for (String pair : query.split("&", -1)) {
        if (pair.startsWith("echo=")) {
          echo = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        }
      }
    }
    byte[] body = echo.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(echo.isEmpty() ? 400 : 200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    exchange.close();
  }
}
