package org.openvpp.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files written whole or not at all, for the commands' outputs. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} (UTF-8) to a temporary file beside {@code target}, then moves it into place
   * (atomically where the file system can), so a reader sees the old file or the new one, never
   * part of it. The temporary file is removed on failure.
   */
  public static void write(Path target, String text) throws IOException {
    write(target, text, false);
  }

  /**
   * {@link #write} for a secret: the file is readable and writable by its owner only from the
   * moment it exists (where the file system has POSIX permissions; elsewhere the folder's own
   * protect it).
   */
  public static void writeOwnerOnly(Path target, String text) throws IOException {
    write(target, text, true);
  }

  /**
   * Creates {@code folder} (and its parents) if missing, the folder itself readable by its owner
   * only where the file system has POSIX permissions.
   */
  public static void createOwnerOnlyDirectory(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Files.createDirectories(folder);
    if (posix(folder)) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void write(Path target, String text, boolean ownerOnly) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path dir = parent == null ? Path.of(".") : parent;
    Path tmp =
        ownerOnly && posix(dir)
            ? Files.createTempFile(
                dir,
                "." + target.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
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
