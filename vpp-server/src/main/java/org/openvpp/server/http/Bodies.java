package org.openvpp.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Request bodies, checked before they are read: the media type the route takes (else 415) and a
 * size limit per kind (else 413, read no further than the limit, whether the client said its length
 * or not).
 */
final class Bodies {
  /** A JSON body: far more than any request object needs. */
  static final int JSON_LIMIT = 64 * 1024;

  /** A CSV import of {@code RegisterImport.MAX_ROWS} rows, with room. */
  static final int CSV_LIMIT = 5 * 1024 * 1024;

  /** A Green Button file: a year of 15-minute readings of one meter is about 14 MiB. */
  static final int XML_LIMIT = 16 * 1024 * 1024;

  private Bodies() {}

  /** The JSON body as a {@code type}. */
  static <T> T json(Context ctx, Class<T> type) {
    requireType(ctx, List.of("application/json"));
    return Json.read(bytes(ctx, JSON_LIMIT), type);
  }

  /** The body's bytes, at most {@code limit}. */
  static byte[] bytes(Context ctx, int limit) {
    long declared = ctx.contentLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.bodyInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(Math.max(0, (int) Math.min(declared, limit)));
      byte[] buffer = new byte[8192];
      int total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the request body could not be read", e);
    }
  }

  static ApiError tooLarge(int limit) {
    return new ApiError(
        413, "too_large", "the body is larger than this endpoint takes (" + limit + " bytes)");
  }

  /**
   * Refuses a body whose Content-Type is none of {@code types} (parameters such as charset aside).
   */
  static void requireType(Context ctx, List<String> types) {
    String given = Objects.requireNonNullElse(ctx.contentType(), "");
    int semi = given.indexOf(';');
    String bare = (semi < 0 ? given : given.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    if (!types.contains(bare)) {
      throw new ApiError(
          415,
          "unsupported_media_type",
          "this endpoint takes Content-Type "
              + String.join(" or ", types)
              + (given.isEmpty() ? "; none was given" : ", not '" + given + "'"));
    }
  }
}
