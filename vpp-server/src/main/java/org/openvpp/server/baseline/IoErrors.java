package org.openvpp.server.baseline;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O failure in words. The JDK's file exceptions carry only the path as their
 * message ({@code AccessDeniedException: /data/out.csv}), which says where but not what.
 */
final class IoErrors {
  private IoErrors() {}

  /** What went wrong, without the path (the caller names the file). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder of that name exists";
    }
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      return reason == null ? e.getClass().getSimpleName() : reason;
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
