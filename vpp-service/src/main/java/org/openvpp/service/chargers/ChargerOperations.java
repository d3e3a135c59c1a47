package org.openvpp.service.chargers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.credentials.ChargerCredentials;
import org.openvpp.ocpp.operations.NotInVersion;
import org.openvpp.ocpp.operations.Operation;
import org.openvpp.ocpp.operations.Operations;
import org.openvpp.ocpp.security.PasswordRotation;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.program.SiteDevice;

/**
 * An operator's operations on the chargers of the service's central system (docs/ocpp.md, "In the
 * service"): which chargers there are, an {@link Operation} sent to one of them, and a new password
 * for one ({@link #rotatePassword}).
 *
 * <p>Design note. A thin door to vpp-ocpp's {@link Operations}, with the service's rules in front:
 * a charger is found by its identity among the connections; one that is not connected is {@link
 * Refusal.Reason#NOT_CONNECTED} when the register has it as an EV charger or it awaits approval,
 * else {@link Refusal.Reason#UNKNOWN_CHARGER}; what its version does not have is {@link
 * Refusal.Reason#NOT_IN_VERSION}; a change of a setting that holds the charger's password ({@link
 * org.openvpp.ocpp.operations.Setting#secret}) is {@link Refusal.Reason#SECRET}: its value would
 * pass through the API, the logs and the audit log, and the central system changes it only by
 * rotation ({@link #rotatePassword}, vpp-ocpp's {@link PasswordRotation}, whose password goes only
 * to the charger) or {@code ./vpp ocpp password}; a rotation for a charger connected without a
 * password is {@link Refusal.Reason#NO_PASSWORDS}. Nothing is sent when it refuses. Outcomes are
 * not kept here: the API writes each to the audit log.
 *
 * <p>Threads: thread-safe; reads the server's connections, the register and the transactions, which
 * are.
 */
public final class ChargerOperations {

  /** Why an operation was not sent. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of refusal. */
    public enum Reason {
      /** Neither connected, nor an EV charger of the register, nor awaiting approval. */
      UNKNOWN_CHARGER,
      /** Known, but not connected now. */
      NOT_CONNECTED,
      /** The charger's version has no such operation, or no such part of one. */
      NOT_IN_VERSION,
      /** A change of a setting that holds the charger's password. */
      SECRET,
      /** A password rotation for a charger connected without one (security profile 0). */
      NO_PASSWORDS
    }

    private final Reason reason;

    Refusal(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /**
   * A charger as the operator sees it.
   *
   * @param id the charge point's identity (a device id of the register once linked)
   * @param connected whether it is connected now
   * @param version its OCPP version, while connected ({@code 1.6}, {@code 2.0.1})
   * @param securityProfile the security profile it connected under, while connected
   * @param awaitingApproval whether it booted unknown and awaits an operator linking it to a site
   * @param siteId its site in the register, once linked as an EV charger
   * @param openTransactions its transactions going on, as this process saw them
   */
  public record Charger(
      String id,
      boolean connected,
      Optional<String> version,
      Optional<Integer> securityProfile,
      boolean awaitingApproval,
      Optional<String> siteId,
      List<OpenTransaction> openTransactions) {
    public Charger {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(securityProfile, "securityProfile");
      Objects.requireNonNull(siteId, "siteId");
      openTransactions = List.copyOf(openTransactions);
    }
  }

  /**
   * A transaction going on: what a remote stop names.
   *
   * @param evseId its EVSE (a 1.6 connector), once said
   */
  public record OpenTransaction(String id, Optional<Integer> evseId, Instant started) {
    public OpenTransaction {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(evseId, "evseId");
      Objects.requireNonNull(started, "started");
    }
  }

  private final OcppServer server;
  private final RegisterAdmission admission;
  private final Transactions transactions;
  private final Operations operations;

  private final PasswordRotation rotation;

  /**
   * @param credentials where a rotated password's hash goes once the charger took it
   */
  ChargerOperations(
      OcppServer server,
      RegisterAdmission admission,
      Transactions transactions,
      Clock clock,
      ChargerCredentials credentials) {
    this.server = server;
    this.admission = admission;
    this.transactions = transactions;
    this.operations = new Operations(clock);
    this.rotation = new PasswordRotation(credentials, clock, PASSWORD_GRACE);
  }

  /**
   * How long a charger's previous password stays valid after it took a new one, if it does not
   * connect with the new one first (it answers, then reconnects).
   */
  static final Duration PASSWORD_GRACE = Duration.ofMinutes(10);

  /** The chargers connected now and those awaiting approval, by identity. */
  public List<Charger> chargers() {
    Map<String, Charger> out = new TreeMap<>();
    Map<String, ?> awaiting = admission.awaiting();
    for (ChargerSession s : server.chargers()) {
      out.put(
          s.identity(),
          new Charger(
              s.identity(),
              true,
              Optional.of(s.version().number()),
              Optional.of(s.securityProfile().number()),
              awaiting.containsKey(s.identity()),
              admission.charger(s.identity()).map(SiteDevice::siteId),
              open(s.identity())));
    }
    for (String id : awaiting.keySet()) {
      out.putIfAbsent(
          id,
          new Charger(
              id, false, Optional.empty(), Optional.empty(), true, Optional.empty(), List.of()));
    }
    return new ArrayList<>(out.values());
  }

  private List<OpenTransaction> open(String identity) {
    List<OpenTransaction> out = new ArrayList<>();
    for (Transaction t : transactions.transactions(identity)) {
      if (t.open()) {
        out.add(new OpenTransaction(t.id(), t.connector().map(ConnectorRef::evseId), t.started()));
      }
    }
    return out;
  }

  /**
   * Sends {@code op} to the charger {@code identity}. The future completes with the result (the
   * charger's answer, a CALLERROR, a timeout by the service's clock, or a closed connection), never
   * exceptionally.
   *
   * @throws Refusal when the charger is unknown or not connected, its version has no such
   *     operation, or the operation changes a password; nothing is sent then
   * @throws IllegalArgumentException when a name or token breaks the version's schema
   */
  public CompletableFuture<Operations.Result> send(String identity, Operation op) {
    if (op instanceof Operation.ChangeSetting c && c.setting().secret()) {
      throw new Refusal(
          Refusal.Reason.SECRET,
          c.setting()
              + " holds the charger's password: it is never set through an operation (its value"
              + " would pass through the API, the logs and the audit log); the central system"
              + " changes it by rotation, and ./vpp ocpp password sets one");
    }
    ChargerSession session = connected(identity);
    try {
      return operations.send(session, op);
    } catch (NotInVersion e) {
      throw new Refusal(Refusal.Reason.NOT_IN_VERSION, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Makes a new password for the charger {@code identity} and sends it (2.0.1 SetVariables {@code
   * SecurityCtrlr.BasicAuthPassword}, 1.6 ChangeConfiguration {@code AuthorizationKey}); its hash
   * is kept once the charger took it, and the previous one stays valid for {@link #PASSWORD_GRACE}
   * or until the charger connects with the new one. The future completes with the outcome, never
   * exceptionally; the password is in no outcome, log line or message.
   *
   * @throws Refusal when the charger is unknown or not connected, or connected without a password
   *     (security profile 0: the central system checks none, so it keeps none to rotate)
   */
  public CompletableFuture<PasswordRotation.Outcome> rotatePassword(String identity) {
    ChargerSession session = connected(identity);
    if (!session.securityProfile().checksPasswords()) {
      throw new Refusal(
          Refusal.Reason.NO_PASSWORDS,
          "charger "
              + identity
              + " connected under security profile "
              + session.securityProfile().number()
              + ", where the central system checks no password; there is none to rotate");
    }
    return rotation.rotate(session);
  }

  /** The open session of {@code identity}, or why there is none. */
  private ChargerSession connected(String identity) {
    return server
        .charger(identity)
        .filter(ChargerSession::open)
        .orElseThrow(
            () ->
                admission.charger(identity).isPresent()
                        || admission.awaiting().containsKey(identity)
                    ? new Refusal(
                        Refusal.Reason.NOT_CONNECTED,
                        "charger "
                            + identity
                            + " is not connected to the central system now; try again once"
                            + " it is")
                    : new Refusal(
                        Refusal.Reason.UNKNOWN_CHARGER,
                        "no charger "
                            + identity
                            + ": it is not connected, not an EV charger of the register and"
                            + " not awaiting approval"));
  }
}
