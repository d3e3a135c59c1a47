package org.openvpp.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files written whole or not at all, for the commands' outputs. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} (UTF-8) to a temporary file beside {@code target}, then moves it into place
   * (atomically where the file system can), so a reader sees the old file or the new one, never
   * part of it. The temporary file is removed on failure.
   */
  public static void write(Path target, String text) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path dir = parent == null ? Path.of(".") : parent;
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
