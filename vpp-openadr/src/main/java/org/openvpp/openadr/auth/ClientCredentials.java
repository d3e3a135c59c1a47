package org.openvpp.openadr.auth;

/**
 * The id and secret of a newly created client. The secret is shown once: the VTN keeps only a
 * salted hash of it.
 */
public record ClientCredentials(Client client, String clientSecret) {

  public String clientId() {
    return client.clientId();
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + client + ", secret hidden]";
  }
}
