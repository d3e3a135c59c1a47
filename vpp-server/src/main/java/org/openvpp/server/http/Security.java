package org.openvpp.server.http;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.LoginThrottle;
import org.openvpp.server.security.Tokens;

/**
 * Who may use the HTTP face, and what it remembers of them: the accounts (Argon2id hashes), the key
 * that signs tokens, the audit log, and the throttles of logins (per name) and sign-ups (per source
 * address). Accounts and the audit log keep their records where they were made with (in memory, or
 * the platform's SQL tables: {@code Platform.accounts()}, {@code Platform.audit()}).
 *
 * <p>Two clocks, on purpose: audit entries carry the service's time (a simulated world's records
 * are of the world's day); tokens and throttles measure real elapsed time ({@code wall}), since a
 * session of eight hours and a wait of fifteen minutes are for people, not for a world that may run
 * a day in a minute.
 *
 * @param accounts who may log in or get a token
 * @param tokens signs and checks tokens
 * @param audit where every change is written
 * @param logins failed logins per name
 * @param signUps sign-ups per source address
 * @param wall the real time, for tokens and throttles
 */
public record Security(
    Accounts accounts,
    Tokens tokens,
    AuditLog audit,
    LoginThrottle logins,
    LoginThrottle signUps,
    InstantSource wall) {

  public Security {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(logins, "logins");
    Objects.requireNonNull(signUps, "signUps");
    Objects.requireNonNull(wall, "wall");
  }

  /**
   * These accounts, tokens and audit log, with the standard throttles (five failed logins of a name
   * in fifteen minutes; five sign-ups from an address in fifteen minutes) on the system clock.
   */
  public static Security of(Accounts accounts, Tokens tokens, AuditLog audit) {
    return new Security(
        accounts,
        tokens,
        audit,
        LoginThrottle.standard(),
        new LoginThrottle(5, Duration.ofMinutes(15)),
        InstantSource.system());
  }

  /** Everything in memory: no account yet, a key drawn now. */
  public static Security inMemory() {
    return of(new Accounts(), new Tokens(), new AuditLog());
  }

  /** The same, with at most {@code limit} sign-ups per address in fifteen minutes. */
  public Security withSignUpLimit(int limit) {
    return new Security(
        accounts, tokens, audit, logins, new LoginThrottle(limit, Duration.ofMinutes(15)), wall);
  }
}
