package org.openvpp.ocpp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.CallError;
import org.openvpp.ocpp.rpc.CallResult;
import org.openvpp.ocpp.rpc.Frame;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Problem;
import org.openvpp.ocpp.rpc.Refusal;
import org.openvpp.ocpp.rpc.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One charger's WebSocket connection: the OCPP-J exchange in both directions.
 *
 * <p>Design note. Incoming: every text is parsed ({@link Frames#parse}, total) and a CALL checked
 * for a reused message id, a known action and its request schema before the handler sees it; any
 * refusal is answered with the version's CALLERROR and the connection goes on. A refused CALLRESULT
 * or CALLERROR is never answered (OCPP forbids answering those); if it was meant for the waiting
 * CALL, that CALL is refused. The handler's result is checked against the response schema, so a
 * fault of ours answers InternalError rather than sending what the charger cannot read. The reused
 * id check remembers the last {@value #REMEMBERED_IDS} ids, not the whole connection's.
 *
 * <p>Outgoing: ids are a counter of this connection, so unique in this direction. At most one CALL
 * is on the wire ({@code pending}); others queue in order, and each one's deadline is set by the
 * {@link Clock} when it is sent. {@link #expire} fails the waiting CALL past its deadline and sends
 * the next; a late answer then matches nothing and is dropped.
 *
 * <p>Public only because Jetty's WebSocket layer calls its listener methods through method handles;
 * nothing outside this package constructs one.
 *
 * <p>Threads: Jetty delivers one message at a time per connection; {@link #call} and {@link
 * #expire} come from any thread. The outgoing state is guarded by {@code lock}; futures are
 * completed outside it, so that what callers chain onto them cannot deadlock with this connection.
 */
public final class Connection implements Session.Listener.AutoDemanding, ChargerSession {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  static final int REMEMBERED_IDS = 4_096;

  private final String identity;
  private final OcppVersion version;
  private final SecurityProfile securityProfile;
  private final Schemas schemas;
  private final CallHandler handler;
  private final Clock clock;
  private final Duration callTimeout;
  private final int maxMessageChars;
  private final Runnable onOpen;
  private final Runnable onClose;

  private final Object lock = new Object();
  private volatile @Nullable Session session;
  private boolean closed; // guarded by lock
  private long nextId = 1; // guarded by lock
  private @Nullable Outgoing pending; // guarded by lock
  private final ArrayDeque<Outgoing> queued = new ArrayDeque<>(); // guarded by lock
  private final LinkedHashSet<String> seenIds = new LinkedHashSet<>(); // the session's thread

  private static final class Outgoing {
    final String id;
    final String action;
    final String text;
    final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    Instant deadline = Instant.MAX;

    Outgoing(String id, String action, String text) {
      this.id = id;
      this.action = action;
      this.text = text;
    }
  }

  Connection(
      String identity,
      OcppVersion version,
      Schemas schemas,
      CallHandler handler,
      Clock clock,
      OcppConfig config,
      Runnable onOpen,
      Runnable onClose) {
    this.identity = identity;
    this.version = version;
    this.securityProfile = config.securityProfile();
    this.schemas = schemas;
    this.handler = handler;
    this.clock = clock;
    this.callTimeout = config.callTimeout();
    this.maxMessageChars = config.maxMessageChars();
    this.onOpen = onOpen;
    this.onClose = onClose;
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public OcppVersion version() {
    return version;
  }

  @Override
  public SecurityProfile securityProfile() {
    return securityProfile;
  }

  @Override
  public boolean open() {
    Session s = session;
    return s != null && s.isOpen();
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    LOG.info(
        "charger {} connected over {}, security profile {}",
        identity,
        version.subprotocol(),
        securityProfile.number());
    onOpen.run();
    handler.connected(this);
  }

  @Override
  public void onWebSocketText(String text) {
    try {
      receive(text);
    } catch (RuntimeException e) {
      LOG.error("charger {}: failed on a message, the connection goes on", identity, e);
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    send(
        CallError.of(
            new Refusal(
                Refusal.UNKNOWN_ID, 0, Problem.NOT_JSON, "OCPP-J is text frames, not binary"),
            version));
  }

  @Override
  public void onWebSocketClose(int statusCode, @Nullable String reason, Callback callback) {
    callback.succeed();
    List<Outgoing> failed = new ArrayList<>();
    synchronized (lock) {
      closed = true;
      if (pending != null) {
        failed.add(pending);
        pending = null;
      }
      failed.addAll(queued);
      queued.clear();
    }
    failed.forEach(o -> o.outcome.complete(new CallOutcome.Closed()));
    LOG.info("charger {} disconnected ({} {})", identity, statusCode, reason);
    onClose.run();
    handler.disconnected(this);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // A charger that loses its network (the connection reset or closed under us) is everyday
    // life, said once at INFO; anything else is worth a warning.
    if (cause instanceof java.io.IOException && !(cause instanceof javax.net.ssl.SSLException)) {
      LOG.info("charger {}: connection lost: {}", identity, cause.toString());
    } else {
      LOG.warn("charger {}: connection error: {}", identity, cause.toString());
    }
  }

  private void receive(String text) {
    switch (Frames.parse(text, maxMessageChars)) {
      case Refusal r -> refused(r);
      case Call c -> answer(c);
      case CallResult r -> settle(r.messageId(), r);
      case CallError e -> settle(e.messageId(), e);
    }
  }

  private void refused(Refusal r) {
    LOG.info(
        "charger {}: refused a message ({}): {}", identity, r.problem().key(), r.description());
    if (r.answerable()) {
      send(CallError.of(r, version));
    } else {
      settle(
          r.messageId(),
          new CallError(
              r.messageId(),
              r.problem().code(version),
              "invalid answer: " + r.description(),
              Frames.object()));
    }
  }

  private void answer(Call c) {
    Optional<Refusal> refusal = check(c);
    if (refusal.isPresent()) {
      refused(refusal.get());
      return;
    }
    Answer a;
    try {
      a = handler.handle(this, c);
    } catch (RuntimeException e) {
      LOG.error("charger {}: the handler of {} failed", identity, c.action(), e);
      a = new Answer.Refused(Problem.HANDLER_FAILED, "the central system failed on " + c.action());
    }
    switch (a) {
      case Answer.Result r -> {
        var broken = schemas.checkResponse(version, c.action(), r.payload());
        if (broken.isPresent()) {
          LOG.error(
              "charger {}: our answer to {} breaks its schema: {}",
              identity,
              c.action(),
              broken.get().description());
          send(refusal(c, Problem.HANDLER_FAILED, "the central system failed on " + c.action()));
        } else {
          send(new CallResult(c.messageId(), r.payload()));
        }
      }
      case Answer.Refused r -> {
        LOG.info(
            "charger {}: {} refused ({}): {}",
            identity,
            c.action(),
            r.problem().key(),
            r.description());
        send(refusal(c, r.problem(), r.description()));
      }
    }
  }

  /** The CALLERROR that refuses {@code c} for {@code problem}, in this connection's version. */
  private CallError refusal(Call c, Problem problem, String description) {
    return CallError.of(new Refusal(c.messageId(), Call.TYPE, problem, description), version);
  }

  /**
   * What is wrong with a CALL of {@code action} and {@code payload} in this version, if anything.
   */
  private Optional<Refusal> checkCall(String id, String action, ObjectNode payload) {
    if (!schemas.knows(version, action)) {
      return Optional.of(
          new Refusal(
              id, Call.TYPE, Problem.UNKNOWN_ACTION, action + " is not an " + version + " action"));
    }
    return schemas
        .checkRequest(version, action, payload)
        .map(v -> new Refusal(id, Call.TYPE, v.problem(), v.description()));
  }

  private Optional<Refusal> check(Call c) {
    if (seenIds.contains(c.messageId())) {
      return Optional.of(
          new Refusal(
              c.messageId(),
              Call.TYPE,
              Problem.DUPLICATE_MESSAGE_ID,
              "message id " + c.messageId() + " was used already on this connection"));
    }
    seenIds.add(c.messageId());
    if (seenIds.size() > REMEMBERED_IDS) {
      Iterator<String> oldest = seenIds.iterator();
      oldest.next();
      oldest.remove();
    }
    return checkCall(c.messageId(), c.action(), c.payload());
  }

  /** Settles the waiting CALL with {@code answer} if it is the one {@code id} names. */
  private void settle(String id, Frame answer) {
    Outgoing done;
    synchronized (lock) {
      Outgoing p = pending;
      if (p == null || !p.id.equals(id)) {
        LOG.info("charger {}: an answer to no waiting CALL (id {}), dropped", identity, id);
        return;
      }
      done = p;
      pending = null;
      sendNext();
    }
    done.outcome.complete(outcome(done, answer));
  }

  private CallOutcome outcome(Outgoing call, Frame answer) {
    return switch (answer) {
      case CallResult r ->
          schemas
              .checkResponse(version, call.action, r.payload())
              .<CallOutcome>map(
                  v ->
                      new CallOutcome.Refused(
                          v.problem().code(version), "invalid answer: " + v.description()))
              .orElse(new CallOutcome.Answered(r.payload()));
      case CallError e -> new CallOutcome.Refused(e.code(), e.description());
      case Call c -> new CallOutcome.Refused("ProtocolError", "a CALL is no answer");
    };
  }

  @Override
  public CompletableFuture<CallOutcome> call(String action, ObjectNode payload) {
    checkCall(Refusal.UNKNOWN_ID, action, payload)
        .ifPresent(
            r -> {
              throw new IllegalArgumentException(
                  r.problem() == Problem.UNKNOWN_ACTION
                      ? r.description()
                      : "the payload of "
                          + action
                          + " breaks its "
                          + version
                          + " schema: "
                          + r.description());
            });
    synchronized (lock) {
      String id = Long.toString(nextId++);
      Outgoing o = new Outgoing(id, action, Frames.encode(new Call(id, action, payload)));
      if (closed) {
        o.outcome.complete(new CallOutcome.Closed());
      } else {
        queued.add(o);
        if (pending == null) {
          sendNext();
        }
      }
      return o.outcome;
    }
  }

  /** Fails the waiting CALL if its deadline is at or before {@code now}; true if it did. */
  boolean expire(Instant now) {
    Outgoing late;
    synchronized (lock) {
      Outgoing p = pending;
      if (p == null || now.isBefore(p.deadline)) {
        return false;
      }
      late = p;
      pending = null;
      sendNext();
    }
    LOG.info(
        "charger {}: no answer to {} (id {}) in {}", identity, late.action, late.id, callTimeout);
    late.outcome.complete(new CallOutcome.TimedOut());
    return true;
  }

  /** Puts the next queued CALL on the wire; the caller holds the lock and nothing is pending. */
  private void sendNext() {
    Outgoing next = queued.poll();
    if (next == null) {
      return;
    }
    next.deadline = clock.instant().plus(callTimeout);
    pending = next;
    sendText(next.text);
  }

  private void send(Frame frame) {
    sendText(Frames.encode(frame));
  }

  private void sendText(String text) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return;
    }
    s.sendText(
        text,
        Callback.from(
            () -> {},
            failure -> LOG.info("charger {}: a send failed: {}", identity, failure.toString())));
  }

  /** Closes the connection (a newer one for the same identity, or the server stopping). */
  void close(int code, String reason) {
    Session s = session;
    if (s != null) {
      s.close(code, reason, Callback.NOOP);
    }
  }
}
