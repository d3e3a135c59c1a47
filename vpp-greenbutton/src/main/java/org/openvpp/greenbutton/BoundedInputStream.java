package org.openvpp.greenbutton;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Passes bytes through until more than a limit have been read, then fails every read; remembers
 * whether it did, and what failure of the stream under it, so the reader can tell a file too large
 * or an input that broke from a document that is not XML.
 */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private boolean exceeded;
  private @Nullable IOException failure;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  @Nullable IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (exceeded) {
      throw new IOException("more than " + limit + " bytes");
    }
    int n;
    try {
      n = in.read(b, off, (int) Math.min(len, limit + 1 - count));
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new IOException("more than " + limit + " bytes");
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    byte[] skipped = new byte[(int) Math.min(n, 8192)];
    return Math.max(read(skipped, 0, skipped.length), 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
