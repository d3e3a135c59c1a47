package org.openvpp.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code offset} (from 0) and {@code limit} (1–500, 100 unless given) from the
 * query, the total before paging, and the page's items.
 */
record Page<T>(int offset, int limit, int total, List<T> items) {
  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 100;
  static final List<String> PARAMS = List.of("offset", "limit");

  Page {
    items = List.copyOf(items);
  }

  /** The page of {@code all} the request asks for, each item made by {@code item}. */
  static <S, T> Page<T> of(Context ctx, List<S> all, Function<S, T> item) {
    int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int end = (int) Math.min(all.size(), (long) offset + limit);
    List<T> items =
        offset >= all.size() ? List.of() : all.subList(offset, end).stream().map(item).toList();
    return new Page<>(offset, limit, all.size(), items);
  }

  /** The query parameters of a paged list and {@code more}. */
  static List<String> params(String... more) {
    List<String> out = new java.util.ArrayList<>(PARAMS);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }

  static int number(Context ctx, String name, int fallback, int min, int max) {
    java.util.Optional<String> given = Routes.param(ctx, name);
    if (given.isEmpty()) {
      return fallback;
    }
    String text = given.get();
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiError.badRequest(
        name
            + " must be a whole number in "
            + min
            + ".."
            + (max == Integer.MAX_VALUE ? "" : String.valueOf(max))
            + ", was '"
            + text
            + "'");
  }
}
