package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Green Button uploads: a utility's sample file to a site with consent to meter data, the same file
 * again, a malformed one, one in the wrong units, one with entities, one without consent; and the
 * readings read back.
 */
class MeterDataApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static final String RANGE = "?from=2012-03-09T00:00:00Z&to=2012-03-12T00:00:00Z";
  static World world;
  static String sample;

  @BeforeAll
  static void start() {
    world = new World(START);
    try (InputStream in =
        MeterDataApiTest.class.getResourceAsStream("greenbutton/test_usage_data_10.xml")) {
      sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  /** A participant with a site; with consent to meter data when {@code consent}. */
  static String[] participant(String name, boolean consent) {
    String token = world.signUp(name, name).body().path("token").asText();
    String site =
        world
            .post(
                "/api/v1/sites",
                World.json(Map.of("meterId", "m-" + name, "region", "fontana", "feeder", "f-1")),
                token)
            .body()
            .path("id")
            .asText();
    if (consent) {
      assertThat(
              world
                  .post(
                      "/api/v1/consents",
                      World.json(Map.of("siteId", site, "scopes", List.of("METER_DATA"))),
                      token)
                  .status())
          .isEqualTo(201);
    }
    return new String[] {token, site};
  }

  static World.Answer upload(String site, String xml, String token) {
    return world.post(
        "/api/v1/sites/" + site + "/meter-data",
        xml.getBytes(StandardCharsets.UTF_8),
        token,
        "application/atom+xml");
  }

  static int kept(String site, String token) {
    return world
        .get("/api/v1/sites/" + site + "/meter-data" + RANGE, token)
        .body()
        .path("readings")
        .size();
  }

  @Test
  void theSampleIsAcceptedOnceAndIsADuplicateTheSecondTime() {
    String[] p = participant("mia", true);
    World.Answer first = upload(p[1], sample, p[0]);
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.body().path("offered").asInt()).isEqualTo(96);
    assertThat(first.body().path("verdicts").path("accepted").asInt()).isEqualTo(96);
    World.Answer again = upload(p[1], sample, p[0]);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("verdicts").path("duplicate").asInt()).isEqualTo(96);
    assertThat(again.body().path("refused").get(0).path("verdict").asText()).isEqualTo("duplicate");
    World.Answer read = world.get("/api/v1/sites/" + p[1] + "/meter-data" + RANGE, p[0]);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("readings").size()).isEqualTo(96);
    assertThat(
            world
                .get(
                    "/api/v1/sites/"
                        + p[1]
                        + "/meter-data?from=2012-01-01T00:00:00Z&to=2012-03-01T00:00:00Z",
                    p[0])
                .status())
        .isEqualTo(400);
    assertThat(world.security.audit().entries())
        .anyMatch(
            e -> e.action().equals("meter-data.upload") && e.target().contains("accepted=96"));
  }

  @Test
  void aMalformedFileIsRefusedWholeAndNothingIsKept() {
    String[] p = participant("ned", true);
    World.Answer cut = upload(p[1], sample.substring(0, sample.length() / 2), p[0]);
    assertThat(cut.status()).isEqualTo(400);
    assertThat(cut.body().path("reason").asText()).isEqualTo("MALFORMED");
    assertThat(kept(p[1], p[0])).isZero();
    String entities =
        "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + sample.substring(sample.indexOf("<feed"));
    World.Answer xxe = upload(p[1], entities, p[0]);
    assertThat(xxe.status()).isEqualTo(400);
    assertThat(xxe.body().path("reason").asText()).isEqualTo("MALFORMED");
    assertThat(kept(p[1], p[0])).isZero();
    World.Answer json = world.post("/api/v1/sites/" + p[1] + "/meter-data", "{}", p[0]);
    assertThat(json.status()).isEqualTo(415);
  }

  @Test
  void aFileInTheWrongUnitsIsRefused() {
    String[] p = participant("oli", true);
    World.Answer watts = upload(p[1], sample.replaceFirst("<uom>72</uom>", "<uom>38</uom>"), p[0]);
    assertThat(watts.status()).isEqualTo(400);
    assertThat(watts.body().path("reason").asText()).isEqualTo("WRONG_UNITS");
    assertThat(kept(p[1], p[0])).isZero();
  }

  @Test
  void withoutConsentToMeterDataTheReadingsAreRefusedAsAConflict() {
    String[] p = participant("pat", false);
    World.Answer refused = upload(p[1], sample, p[0]);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("reason").asText()).isEqualTo("NO_CONSENT");
    assertThat(kept(p[1], p[0])).isZero();
  }

  @Test
  void aParticipantUploadsOnlyForTheirOwnSite() {
    String[] mine = participant("quin", true);
    String[] other = participant("rae", true);
    assertThat(upload(other[1], sample, mine[0]).status()).isEqualTo(404);
    assertThat(world.get("/api/v1/sites/" + other[1] + "/meter-data", mine[0]).status())
        .isEqualTo(404);
    assertThat(upload(other[1], sample, world.viewer).status()).isEqualTo(403);
    World.Answer byAdmin = upload(other[1], sample, world.admin);
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(
            upload(other[1], sample, world.admin).body().path("verdicts").path("duplicate").asInt())
        .isEqualTo(96);
    assertThat(
            world
                .post(
                    "/api/v1/sites/" + other[1] + "/meter-data?usagePoint=/nope",
                    sample,
                    world.admin,
                    "application/xml")
                .status())
        .isEqualTo(400);
  }
}
