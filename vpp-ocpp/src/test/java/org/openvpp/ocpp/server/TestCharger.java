package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
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

  private TestCharger(HttpClient http, URI uri, Map<String, String> headers, String... subprotocols)
      throws Exception {
    WebSocket.Builder b = http.newWebSocketBuilder();
    headers.forEach(b::header);
    if (subprotocols.length > 0) {
      b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    StringBuilder partial = new StringBuilder();
    this.socket =
        b.buildAsync(
                uri,
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
    return connectPath(port, "/ocpp/" + identity, subprotocols);
  }

  /** Connects to any path. */
  public static TestCharger connectPath(int port, String path, String... subprotocols)
      throws Exception {
    return new TestCharger(
        HTTP, URI.create("ws://127.0.0.1:" + port + path), Map.of(), subprotocols);
  }

  /**
   * Connects to {@code uri} through {@code http} (one that trusts a test certificate, say), sending
   * {@code headers} with the upgrade.
   */
  public static TestCharger connect(
      HttpClient http, URI uri, Map<String, String> headers, String... subprotocols)
      throws Exception {
    return new TestCharger(http, uri, headers, subprotocols);
  }

  /**
   * Connects as {@code identity} with HTTP Basic {@code password} (its text's octets) over plain
   * WebSocket.
   */
  public static TestCharger connectBasic(
      int port, String identity, String password, String... subprotocols) throws Exception {
    return connect(
        HTTP,
        URI.create("ws://127.0.0.1:" + port + "/ocpp/" + identity),
        Map.of("Authorization", basic(identity, password.getBytes(StandardCharsets.ISO_8859_1))),
        subprotocols);
  }

  /**
   * The {@code Authorization} header of HTTP Basic for {@code identity} and {@code password}; the
   * password and the header are remembered as secrets the logs must not hold.
   */
  public static String basic(String identity, byte[] password) {
    byte[] user = (identity + ":").getBytes(StandardCharsets.UTF_8);
    byte[] both = Arrays.copyOf(user, user.length + password.length);
    System.arraycopy(password, 0, both, user.length, password.length);
    String token = Base64.getEncoder().encodeToString(both);
    NoSecretsInLogs.remember(token);
    if (password.length >= 4) {
      NoSecretsInLogs.remember(new String(password, StandardCharsets.ISO_8859_1));
    }
    return "Basic " + token;
  }

  /**
   * Sends a WebSocket upgrade by hand and returns the response: its status line, headers and body.
   *
   * @param headers more header lines, such as {@code Authorization: Basic ...}
   */
  public static String rawUpgrade(int port, String path, String subprotocol, String... headers)
      throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      StringBuilder request =
          new StringBuilder("GET ")
              .append(path)
              .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
              .append("Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
              .append("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ")
              .append(subprotocol)
              .append("\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int headEnd = -1;
      while (headEnd < 0) {
        int b = in.read();
        if (b < 0) {
          return got.toString(StandardCharsets.UTF_8);
        }
        got.write(b);
        headEnd = got.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
      }
      String head = got.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : head.split("\r\n", -1)) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      byte[] body = in.readNBytes(length);
      return head + new String(body, StandardCharsets.UTF_8);
    }
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
