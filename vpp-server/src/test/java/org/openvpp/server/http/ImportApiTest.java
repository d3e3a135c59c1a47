package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV imports of a utility's register: all or nothing. */
class ImportApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static final String HEADER =
      "customer_id,customer_name,site_id,meter_id,region,feeder,device_id,device_kind,capacity_kw,"
          + "program_id,consent_scopes,consent_expires\n";
  static World world;

  @BeforeAll
  static void start() {
    world = new World(START);
    Map<String, Object> big = new LinkedHashMap<>(TestBodies.byo("moved", START));
    big.put("capacityCapKw", 1_000_000);
    big.put("enrolmentCap", 100_000);
    assertThat(world.post("/api/v1/programs", World.json(big), world.admin).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  static World.Answer importCsv(String csv, String token) {
    return world.post("/api/v1/imports", csv, token, "text/csv");
  }

  static int customers() {
    return world.get("/api/v1/customers?limit=1", world.admin).body().path("total").asInt();
  }

  @Test
  void tenThousandGoodRowsAreAppliedInOneRequest() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 10_000; i++) {
      csv.append(
          String.format(
              java.util.Locale.ROOT,
              "c-%05d,Home %d,s-%05d,m-%05d,fontana,fontana/feeder-%d,acme:b-%05d,battery,5.0,moved,control+meter_data,\n",
              i,
              i,
              i,
              i,
              i % 7,
              i));
    }
    long t0 = System.nanoTime();
    World.Answer a = importCsv(csv.toString(), world.admin);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("IMPORT 10000 rows in " + ms + " ms");
    assertThat(a.status())
        .as("%s", a.text().length() > 500 ? a.text().substring(0, 500) : a.text())
        .isEqualTo(200);
    assertThat(a.body().path("rows").asInt()).isEqualTo(10_000);
    assertThat(a.body().path("customers").asInt()).isEqualTo(10_000);
    assertThat(a.body().path("enrolments").asInt()).isEqualTo(10_000);
    assertThat(world.get("/api/v1/programs/moved", world.admin).body().path("enrolled").asInt())
        .isEqualTo(10_000);
  }

  @Test
  void aFileWithBadRowsIsRefusedNamingEachLineAndChangesNothing() {
    int before = customers();
    String csv =
        HEADER
            + "x-1,Ann,xs-1,xm-1,fontana,f-1,xb-1,battery,5,moved,control+meter_data,\n"
            + "x-2,Ben,xs-2,xm-2,fontana,f-1,xb-2,toaster,5,moved,control+meter_data,\n"
            + "x-3,Cat,xs-3,xm-1,fontana,f-1,xb-3,battery,5,moved,control+meter_data,\n"
            + "x-4,Dan,xs-4,xm-4,fontana,f-1,xb-4,battery,5,no-such-program,control+meter_data,\n"
            + "x-5,Eve,xs-5,xm-5,fontana,f-1,xb-5,battery,5,moved,control+meter_data,\n"
            + "x-5,Eve,xs-5,xm-6,fontana,f-1,xb-6,battery,5,moved,control+meter_data,\n";
    World.Answer a = importCsv(csv, world.admin);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("reason").asText()).isEqualTo("IMPORT_REFUSED");
    String errors = a.body().path("errors").toString();
    assertThat(errors).contains("line 3", "toaster");
    assertThat(errors).contains("line 4", "xm-1");
    assertThat(errors).contains("line 5", "no-such-program");
    assertThat(errors).contains("line 7", "xs-5");
    assertThat(a.body().path("errors").size()).as(errors).isEqualTo(4);
    assertThat(customers()).isEqualTo(before);
  }

  @Test
  void notACsvOrNotAnAdminIsRefused() {
    assertThat(importCsv("hello", world.admin).status()).isEqualTo(400);
    assertThat(world.post("/api/v1/imports", "{}", world.admin).status()).isEqualTo(415);
    assertThat(importCsv(HEADER, world.viewer).status()).isEqualTo(403);
    byte[] huge = new byte[6 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    assertThat(world.post("/api/v1/imports", huge, world.admin, "text/csv").status())
        .isEqualTo(413);
  }
}
