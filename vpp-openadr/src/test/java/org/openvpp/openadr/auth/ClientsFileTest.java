package org.openvpp.openadr.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientsFileTest {

  @TempDir Path dir;

  @Test
  void clientsSavedAreKnownAfterLoadingAndTheSecretIsNotInTheFile() throws IOException {
    Clients clients = new Clients(new SecureRandom(), 1_000);
    ClientCredentials ven = clients.create(Role.VEN, "cloud-1");
    ClientCredentials bl = clients.create(Role.BL, "utility");
    Path file = dir.resolve("sub/clients.json");
    ClientsFile.save(file, clients);
    assertThat(Files.readString(file)).doesNotContain(ven.clientSecret()).contains("cloud-1");

    Clients loaded = new Clients();
    ClientsFile.load(file, loaded);
    assertThat(loaded.authenticate(ven.clientId(), ven.clientSecret())).contains(ven.client());
    assertThat(loaded.authenticate(bl.clientId(), bl.clientSecret())).contains(bl.client());
    assertThat(loaded.authenticate(bl.clientId(), ven.clientSecret())).isEmpty();
    assertThat(loaded.named("utility")).contains(bl.client());
  }

  @Test
  void aFileThatIsNotAClientsFileIsRefusedWithWhere() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"clients\":[{\"clientID\":\"x\",\"role\":\"ADMIN\"}]}");
    assertThatThrownBy(() -> ClientsFile.load(file, new Clients()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client 1 is not valid");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> ClientsFile.load(file, new Clients()))
        .hasMessageContaining("is not JSON");
  }
}
