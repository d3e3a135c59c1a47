package org.openvpp.openadr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Locale;

/**
 * The clients of a VTN kept in a JSON file, so that clients made by {@code ./vpp openadr client
 * create} outlive the process and a VTN started later knows them. Each entry holds the client id,
 * its role, its name, and the salted PBKDF2 hash of its secret (salt, iterations, hash in base64):
 * never the secret. Written whole to a temporary file beside it and moved into place, so a reader
 * sees the old file or the new one; owner-only permissions where the file system has them.
 *
 * <pre>{"clients":[{"clientID":"ven-…","role":"VEN","name":"cloud-1",
 *   "pbkdf2":{"salt":"…","iterations":600000,"hash":"…"}}]}</pre>
 */
public final class ClientsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientsFile() {}

  /** The default place: {@code ~/.openvpp/openadr-clients.json}. */
  public static Path defaultPath() {
    return Path.of(System.getProperty("user.home"), ".openvpp", "openadr-clients.json");
  }

  /**
   * Reads the clients of {@code file} into {@code into}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not a clients file (the message says where)
   */
  public static void load(Path file, Clients into) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("clients").isArray()) {
      throw new IllegalArgumentException(file + " is not a clients file: no \"clients\" array");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    int n = 0;
    for (JsonNode c : root.path("clients")) {
      n++;
      try {
        Role role = Role.valueOf(c.path("role").asText("").toUpperCase(Locale.ROOT));
        String id = c.path("clientID").asText("");
        if (id.isEmpty()) {
          throw new IllegalArgumentException("no clientID");
        }
        JsonNode h = c.path("pbkdf2");
        into.restore(
            new Client(id, role, c.path("name").asText("")),
            SecretHash.restore(
                b64.decode(h.path("salt").asText("")),
                h.path("iterations").asInt(0),
                b64.decode(h.path("hash").asText(""))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + ": client " + n + " is not valid (" + e.getMessage() + ")", e);
      }
    }
  }

  /** Writes every client of {@code clients} to {@code file}, creating its directory. */
  public static void save(Path file, Clients clients) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("clients");
    Base64.Encoder b64 = Base64.getEncoder();
    for (Client c : clients.all()) {
      SecretHash h = clients.secretOf(c.clientId()).orElseThrow();
      ObjectNode o = list.addObject();
      o.put("clientID", c.clientId());
      o.put("role", c.role().name());
      o.put("name", c.description());
      ObjectNode p = o.putObject("pbkdf2");
      p.put("salt", b64.encodeToString(h.salt()));
      p.put("iterations", h.iterations());
      p.put("hash", b64.encodeToString(h.hash()));
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      dir = Path.of(".");
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its defaults stand
      }
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
