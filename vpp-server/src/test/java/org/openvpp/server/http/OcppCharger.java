package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A charge point for the face's tests, over the JDK's WebSocket client (no Java 2.0.1 client
 * resolves): it answers each CALL of the central system with what the test says for its action
 * (nothing: no answer), and keeps each CALL for the test to read.
 */
final class OcppCharger implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CALL received: its action and payload. */
  record Received(String action, JsonNode payload) {}

  private final WebSocket socket;
  private final BlockingQueue<Received> calls = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<JsonNode>> answers = new ConcurrentHashMap<>();
  private final BiFunction<String, JsonNode, Optional<String>> answer;

  /**
   * Connects as {@code identity} to the central system on {@code port} with {@code subprotocol};
   * {@code answer} gives, for each CALL's action and payload, the frame to answer with after the
   * message id ({@code {"status":"Accepted"}} for a CALLRESULT; a CALLERROR's {@code
   * "NotSupported","why",{}} when it starts with a quote), or empty for no answer.
   */
  OcppCharger(
      int port,
      String identity,
      String subprotocol,
      BiFunction<String, JsonNode, Optional<String>> answer)
      throws Exception {
    this(port, identity, subprotocol, Optional.empty(), answer);
  }

  /** As the other, with HTTP Basic credentials (security profile 1) when a password is given. */
  OcppCharger(
      int port,
      String identity,
      String subprotocol,
      Optional<String> password,
      BiFunction<String, JsonNode, Optional<String>> answer)
      throws Exception {
    this.answer = answer;
    StringBuilder partial = new StringBuilder();
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(subprotocol);
    password.ifPresent(
        p ->
            b.header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            (identity + ":" + p)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    this.socket =
        b.buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ocpp/" + identity),
                new WebSocket.Listener() {
                  @Override
                  @SuppressWarnings("NullAway") // null: nothing to wait for
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      received(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
  }

  private void received(String text) {
    try {
      JsonNode frame = JSON.readTree(text);
      String id = frame.get(1).asText();
      if (frame.get(0).asInt() == 2) {
        String action = frame.get(2).asText();
        calls.add(new Received(action, frame.get(3)));
        Optional<String> a = answer.apply(action, frame.get(3));
        if (a.isPresent()) {
          var unused =
              socket.sendText(
                  a.get().startsWith("\"")
                      ? "[4,\"" + id + "\"," + a.get() + "]"
                      : "[3,\"" + id + "\"," + a.get() + "]",
                  true);
        }
      } else {
        answers.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(frame);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a CALL of the charger's and waits (10 s at most) for the central system's answer. */
  JsonNode call(String id, String action, String payload) throws Exception {
    socket.sendText("[2,\"" + id + "\",\"" + action + "\"," + payload + "]", true).get();
    JsonNode a =
        answers.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).poll(10, TimeUnit.SECONDS);
    assertThat(a).as("an answer to %s within 10 s", action).isNotNull();
    return a;
  }

  /** The next CALL received (waits up to 10 s for it). */
  Received next() throws InterruptedException {
    Received r = calls.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a CALL from the central system within 10 s").isNotNull();
    return r;
  }

  /** Whether no CALL is waiting to be read. */
  boolean noCalls() {
    return calls.isEmpty();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
