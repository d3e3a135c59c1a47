package org.openvpp.openadr.vtn;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;

/** A VTN on a free port of the loopback interface, with a BL client and two VEN clients. */
final class VtnFixture implements AutoCloseable {

  final TestTime time = new TestTime(Instant.parse("2026-07-01T12:00:00Z"));
  final Clients clients = new Clients(new SecureRandom(), 1_000);
  final ClientCredentials bl = clients.create(Role.BL, "utility");
  final ClientCredentials ven1 = clients.create(Role.VEN, "device cloud 1");
  final ClientCredentials ven2 = clients.create(Role.VEN, "device cloud 2");
  final Vtn vtn;
  final Api api;
  final String blToken;
  final String ven1Token;
  final String ven2Token;

  VtnFixture() {
    this(VtnConfig.onPort(0).withWebhookRetries(3, Duration.ofMillis(50)).withLocalCallbacks());
  }

  VtnFixture(VtnConfig config) {
    vtn = Vtn.start(config, clients, new InMemoryVtnRepository(), time);
    api = new Api(vtn.baseUrl());
    blToken = api.tokenFor(bl.clientId(), bl.clientSecret());
    ven1Token = api.tokenFor(ven1.clientId(), ven1.clientSecret());
    ven2Token = api.tokenFor(ven2.clientId(), ven2.clientSecret());
  }

  @Override
  public void close() {
    vtn.close();
  }
}
