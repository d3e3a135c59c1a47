package org.openvpp.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {

  @Test
  void theJdksPathOnlyExceptionsAreSaidInWords() {
    assertThat(IoErrors.reason(new AccessDeniedException("/data/out.csv")))
        .isEqualTo("permission denied");
    assertThat(IoErrors.reason(new NoSuchFileException("/data/out.csv")))
        .isEqualTo("no such file or folder");
  }

  @Test
  void aFileSystemExceptionGivesItsReasonWithoutThePath() {
    assertThat(IoErrors.reason(new FileSystemException("/data", null, "Read-only file system")))
        .isEqualTo("Read-only file system");
  }

  @Test
  void anotherExceptionGivesItsMessageOrItsKind() {
    assertThat(IoErrors.reason(new EOFException("Unexpected end of ZLIB input stream")))
        .isEqualTo("Unexpected end of ZLIB input stream");
    assertThat(IoErrors.reason(new IOException())).isEqualTo("IOException");
  }
}
