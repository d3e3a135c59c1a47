package org.openvpp.openadr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokensTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-07-01T00:00:00Z"));
  private final InstantSource time = () -> now.get();
  private final Clients clients = new Clients(new SecureRandom(), 1_000);
  private final Tokens tokens =
      new Tokens(clients, time, Duration.ofMinutes(10), new SecureRandom());

  @Test
  void aSecretIsCheckedAgainstItsHash() {
    ClientCredentials c = clients.create(Role.VEN, "cloud");
    assertThat(clients.authenticate(c.clientId(), c.clientSecret())).hasValue(c.client());
    assertThat(clients.authenticate(c.clientId(), c.clientSecret() + "x")).isEmpty();
    assertThat(clients.authenticate("nobody", c.clientSecret())).isEmpty();
    assertThat(c.toString()).doesNotContain(c.clientSecret());
  }

  @Test
  void aTokenCarriesItsClientAndScopesUntilItExpires() {
    ClientCredentials c = clients.create(Role.VEN, "cloud");
    AccessToken t = tokens.issue(c.client(), Set.of());
    Principal p = tokens.verify(t.value()).orElseThrow();
    assertThat(p.clientId()).isEqualTo(c.clientId());
    assertThat(p.role()).isEqualTo(Role.VEN);
    assertThat(p.scopes()).isEqualTo(Role.VEN.scopes());
    now.set(now.get().plus(Duration.ofMinutes(10)));
    assertThat(tokens.verify(t.value())).isEmpty();
  }

  @Test
  void aRemovedClientsTokensStopWorking() {
    ClientCredentials c = clients.create(Role.BL, "utility");
    AccessToken t = tokens.issue(c.client(), Set.of(Scope.READ_ALL));
    assertThat(tokens.verify(t.value()).orElseThrow().scopes()).containsExactly(Scope.READ_ALL);
    clients.remove(c.clientId());
    assertThat(tokens.verify(t.value())).isEmpty();
  }

  @Test
  void anotherVtnsTokenIsRefused() {
    ClientCredentials c = clients.create(Role.BL, "utility");
    Tokens other = new Tokens(clients, time, Duration.ofMinutes(10), new SecureRandom());
    assertThat(tokens.verify(other.issue(c.client(), Set.of()).value())).isEmpty();
  }

  @Test
  void aVenCannotBeGrantedBusinessLogicScopes() {
    ClientCredentials c = clients.create(Role.VEN, "cloud");
    assertThatThrownBy(() -> tokens.issue(c.client(), Set.of(Scope.WRITE_PROGRAMS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VEN");
  }

  @Test
  void rolesFollowTheDefinitionsScopeDescriptions() {
    assertThat(Role.BL.scopes())
        .contains(Scope.WRITE_PROGRAMS, Scope.WRITE_EVENTS)
        .doesNotContain(Scope.WRITE_REPORTS);
    assertThat(Role.VEN.scopes())
        .contains(Scope.WRITE_REPORTS)
        .doesNotContain(Scope.WRITE_PROGRAMS, Scope.WRITE_EVENTS, Scope.READ_BL);
  }
}
