package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A charge point for tests: the JDK's WebSocket client, each text received kept in a queue. */
public final class TestCharger implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

  private TestCharger(int port, String path, String... subprotocols) throws Exception {
    WebSocket.Builder b = HTTP.newWebSocketBuilder();
    if (subprotocols.length > 0) {
      b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    StringBuilder partial = new StringBuilder();
    this.socket =
        b.buildAsync(
                URI.create("ws://127.0.0.1:" + port + path),
                new WebSocket.Listener() {
                  @Override
                  @SuppressWarnings("NullAway") // null: the message may be reused at once
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      received.add(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  @SuppressWarnings("NullAway") // null: nothing to wait for
                  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closes.add(code);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
  }

  /** Connects as {@code identity} offering {@code subprotocols}. */
  public static TestCharger connect(int port, String identity, String... subprotocols)
      throws Exception {
    return new TestCharger(port, "/ocpp/" + identity, subprotocols);
  }

  /** Connects to any path. */
  public static TestCharger connectPath(int port, String path, String... subprotocols)
      throws Exception {
    return new TestCharger(port, path, subprotocols);
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void send(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  /** The next text received (waits up to 10 s for it). */
  public String next() throws InterruptedException {
    String s = received.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a message from the central system within 10 s").isNotNull();
    return s;
  }

  public JsonNode nextJson() throws Exception {
    return JSON.readTree(next());
  }

  /** Sends {@code text} and reads the answer. */
  public JsonNode exchange(String text) throws Exception {
    send(text);
    return nextJson();
  }

  /** Sends a CALL and reads the answer. */
  public JsonNode call(String id, String action, String payload) throws Exception {
    return exchange("[2,\"" + id + "\",\"" + action + "\"," + payload + "]");
  }

  /** Whether nothing more was received. */
  public boolean nothingReceived() {
    return received.isEmpty();
  }

  /** The close code received (waits up to 10 s for it). */
  public int closeCode() throws InterruptedException {
    Integer c = closes.poll(10, TimeUnit.SECONDS);
    assertThat(c).as("a close within 10 s").isNotNull();
    return c;
  }

  @Override
  public void close() {
    socket.abort();
  }
}
