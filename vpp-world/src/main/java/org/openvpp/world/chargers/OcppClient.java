package org.openvpp.world.chargers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One charge point's OCPP-J connection to a central system, written for the simulated world (it
 * shares no code with the central system it talks to, so each checks the other): a WebSocket at
 * {@code {base}/ocpp/{identity}} with the subprotocol of its version, CALLs out one at a time (the
 * next waits until the last is answered, as OCPP-J asks), the central system's CALLs handed to a
 * {@link Handler} and answered.
 *
 * <p>Threads: {@link #call} from any thread; the handler and the futures on the WebSocket's.
 */
public final class OcppClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The charge point's side of the central system's CALLs. */
  public interface Handler {
    /**
     * The answer to the central system's CALL {@code action}, or a {@link Failed} for a CALLERROR.
     */
    ObjectNode answer(String action, JsonNode payload) throws Failed;

    /** The connection closed (by either side, or lost). */
    void closed(String reason);
  }

  /** A CALLERROR, sent or received. */
  public static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public Failed(String code, String description) {
      super(code + ": " + description);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private record Pending(String id, String frame, CompletableFuture<JsonNode> answer) {}

  private final WebSocket socket;
  private final Handler handler;
  private final AtomicLong ids = new AtomicLong();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private Optional<Pending> onWire = Optional.empty();
  private CompletableFuture<WebSocket> sending;
  private boolean closed;

  private OcppClient(WebSocket socket, Handler handler) {
    this.socket = socket;
    this.handler = handler;
    this.sending = CompletableFuture.completedFuture(socket);
  }

  /**
   * Opens the connection of charge point {@code identity} to the central system at {@code base}
   * ({@code ws://host:port} or {@code wss://…}), offering {@code subprotocol} ({@code ocpp1.6} or
   * {@code ocpp2.0.1}), with HTTP Basic credentials when a password is given.
   */
  public static CompletableFuture<OcppClient> connect(
      HttpClient http,
      URI base,
      String identity,
      String subprotocol,
      Optional<String> password,
      Handler handler) {
    Listener listener = new Listener();
    WebSocket.Builder b =
        http.newWebSocketBuilder().subprotocols(subprotocol).connectTimeout(Duration.ofSeconds(10));
    password.ifPresent(
        p ->
            b.header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((identity + ":" + p).getBytes(StandardCharsets.UTF_8))));
    URI uri = URI.create(base.toString().replaceAll("/$", "") + "/ocpp/" + identity);
    return b.buildAsync(uri, listener)
        .thenApply(
            ws -> {
              if (!subprotocol.equals(ws.getSubprotocol())) {
                ws.abort();
                throw new IllegalStateException(
                    "the central system at "
                        + uri
                        + " answered subprotocol '"
                        + ws.getSubprotocol()
                        + "', not "
                        + subprotocol);
              }
              OcppClient c = new OcppClient(ws, handler);
              listener.attach(c);
              return c;
            });
  }

  /** Sends CALL {@code action}; the future has the CALLRESULT's payload or fails with Failed. */
  public CompletableFuture<JsonNode> call(String action, ObjectNode payload) {
    String id = Long.toString(ids.incrementAndGet());
    ArrayNode frame = JSON.createArrayNode().add(2).add(id).add(action);
    frame.add(payload);
    Pending p = new Pending(id, frame.toString(), new CompletableFuture<>());
    synchronized (this) {
      if (closed) {
        p.answer.completeExceptionally(new Failed("Closed", "the connection is closed"));
        return p.answer;
      }
      waiting.add(p);
      next();
    }
    return p.answer;
  }

  /** Puts the next waiting CALL on the wire when none is; the caller holds the lock. */
  private void next() {
    if (onWire.isPresent() || waiting.isEmpty()) {
      return;
    }
    Pending p = waiting.poll();
    onWire = Optional.of(p);
    send(p.frame);
  }

  /** Sends a text frame after the last one (the WebSocket takes one send at a time). */
  private synchronized void send(String text) {
    sending = sending.exceptionally(e -> socket).thenCompose(ws -> ws.sendText(text, true));
  }

  private void received(String text) {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return;
    }
    if (!frame.isArray() || frame.size() < 3) {
      return;
    }
    int type = frame.get(0).asInt();
    String id = frame.get(1).asText();
    if (type == 2 && frame.size() == 4) {
      answer(id, frame.get(2).asText(), frame.get(3));
      return;
    }
    Pending p;
    synchronized (this) {
      if (onWire.isEmpty() || !onWire.get().id.equals(id)) {
        return;
      }
      p = onWire.get();
      onWire = Optional.empty();
      next();
    }
    if (type == 3) {
      p.answer.complete(frame.get(2));
    } else if (type == 4 && frame.size() >= 4) {
      p.answer.completeExceptionally(new Failed(frame.get(2).asText(), frame.get(3).asText()));
    }
  }

  private void answer(String id, String action, JsonNode payload) {
    ArrayNode out = JSON.createArrayNode();
    try {
      ObjectNode result = handler.answer(action, payload);
      out.add(3).add(id).add(result);
    } catch (Failed f) {
      out.add(4)
          .add(id)
          .add(f.code())
          .add(String.valueOf(f.getMessage()))
          .add(JSON.createObjectNode());
    }
    send(out.toString());
  }

  private void lost(String reason) {
    ArrayDeque<Pending> dropped;
    Optional<Pending> wire;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      dropped = new ArrayDeque<>(waiting);
      waiting.clear();
      wire = onWire;
      onWire = Optional.empty();
    }
    Failed f = new Failed("Closed", reason);
    wire.ifPresent(p -> p.answer.completeExceptionally(f));
    dropped.forEach(p -> p.answer.completeExceptionally(f));
    handler.closed(reason);
  }

  /** Whether the connection is open. */
  public synchronized boolean open() {
    return !closed;
  }

  /** Drops the connection without a closing handshake (a charger losing its network). */
  public void abort() {
    socket.abort();
    lost("aborted");
  }

  @Override
  public void close() {
    if (!open()) {
      return;
    }
    var unused =
        sending
            .exceptionally(e -> socket)
            .thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
    lost("closed");
  }

  /**
   * The WebSocket's listener: gathers a message's parts, then hands it to the client (once the
   * client exists: the central system says nothing before the charge point's first CALL).
   */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private volatile @Nullable OcppClient client;
    private volatile @Nullable String lostBefore;

    void attach(OcppClient c) {
      client = c;
      String lost = lostBefore;
      if (lost != null) {
        c.lost(lost);
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(
        WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        OcppClient c = client;
        if (c != null) {
          c.received(whole);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(
        WebSocket webSocket, int statusCode, String reason) {
      gone("closed by the central system: " + statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      gone("lost: " + error);
    }

    private void gone(String reason) {
      OcppClient c = client;
      if (c != null) {
        c.lost(reason);
      } else {
        lostBefore = reason;
      }
    }
  }
}
