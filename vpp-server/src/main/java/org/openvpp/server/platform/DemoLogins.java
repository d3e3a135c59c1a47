package org.openvpp.server.platform;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.openvpp.server.cli.AtomicFiles;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.Role;

/**
 * The demo logins of {@code ./vpp up}: an operator and a participant, made on the first run in a
 * data folder and the same on every later one. The platform keeps only the passwords' hashes, so
 * the passwords themselves are kept beside the database in {@code demo-logins.properties}, readable
 * by its owner only, to be printed again at each start. A password that was lost (the file deleted)
 * is drawn again.
 */
public final class DemoLogins {
  private static final String FILE = "demo-logins.properties";

  private final Path file;
  private final Properties known = new Properties();

  private DemoLogins(Path file) {
    this.file = file;
  }

  /** The demo logins kept in {@code folder} (none yet if it has no file). */
  public static DemoLogins in(Path folder) {
    DemoLogins d = new DemoLogins(folder.resolve(FILE));
    if (Files.exists(d.file)) {
      try {
        d.known.load(new StringReader(Files.readString(d.file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + d.file + ": " + e.getMessage(), e);
      }
    }
    return d;
  }

  /** Demo logins for a run that keeps nothing: every password drawn now. */
  public static DemoLogins none() {
    return new DemoLogins(Path.of(""));
  }

  /**
   * The password of the person {@code name} in {@code accounts}: made with {@code role} (and a
   * participant's {@code customer}) if they do not exist, or the kept password of one who does
   * (drawn again if it was lost).
   */
  public String ensure(Accounts accounts, String name, Role role, Optional<String> customer) {
    String kept = known.getProperty(name, "");
    if (!accounts.exists(name)) {
      String password = Accounts.newSecret();
      accounts.addUser(name, password, role, customer);
      remember(name, password);
      return password;
    }
    if (kept.isEmpty()) {
      String password = Accounts.newSecret();
      accounts.setPassword(name, password);
      remember(name, password);
      return password;
    }
    return kept;
  }

  private void remember(String name, String password) {
    known.setProperty(name, password);
    if (file.toString().isEmpty()) {
      return;
    }
    try {
      StringWriter w = new StringWriter();
      known.store(w, "OpenVPP demo logins (./vpp up); the database keeps only their hashes");
      AtomicFiles.writeOwnerOnly(file, w.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
