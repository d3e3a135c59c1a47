package org.openvpp.service.prices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/** The two kinds of {@link DayAheadPrices.PriceSource}: a file and a URL. */
public final class PriceSources {
  private PriceSources() {}

  /** A CSV file of many days, read once at start. */
  public static DayAheadPrices.PriceSource file(Path path) {
    return new DayAheadPrices.PriceSource() {
      @Override
      public Optional<String> fetch(LocalDate day) {
        try {
          return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read prices from " + path + ": " + e.getMessage(), e);
        }
      }

      @Override
      public boolean wholeFile() {
        return true;
      }

      @Override
      public String describe() {
        return path.toString();
      }
    };
  }

  /**
   * A URL that serves one day's CSV: {@code template} with {@code {date}} replaced by the day
   * ({@code 2019-08-16}); a 404 means not published yet.
   */
  public static DayAheadPrices.PriceSource url(String template, HttpClient http, Duration timeout) {
    if (!template.contains("{date}")) {
      throw new IllegalArgumentException(
          "a price URL names the day with {date}, for example http://host/prices/NODE?day={date}; was "
              + template);
    }
    return new DayAheadPrices.PriceSource() {
      @Override
      public Optional<String> fetch(LocalDate day) {
        URI uri = URI.create(template.replace("{date}", day.toString()));
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          if (r.statusCode() == 404) {
            return Optional.empty();
          }
          if (r.statusCode() != 200) {
            throw new UncheckedIOException(
                new IOException(
                    uri
                        + " answered "
                        + r.statusCode()
                        + ": "
                        + r.body().lines().findFirst().orElse("")));
          }
          return Optional.of(r.body());
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot fetch prices from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new IOException("interrupted fetching " + uri, e));
        }
      }

      @Override
      public boolean wholeFile() {
        return false;
      }

      @Override
      public String describe() {
        return template;
      }
    };
  }
}
