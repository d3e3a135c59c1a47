package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.register.Register;
import org.openvpp.units.Power;

/**
 * A charger's password rotated through the API, on a central system that checks passwords (security
 * profile 1): the charger gets the new one alone, connects with it, the old one then fails, and
 * neither password is in a response or the audit log. On a central system that checks none (profile
 * 0) there is nothing to rotate.
 */
class ChargerPasswordApiTest {
  static final Instant START = LocalDate.of(2026, 7, 1).atStartOfDay(World.LA).toInstant();
  static final String CP = "EVSE-P";
  static final String OLD = "an-old-password-of-the-charger-0001";

  private Optional<World> world = Optional.empty();

  @AfterEach
  void stop() {
    world.ifPresent(World::close);
  }

  private World world(int profile) {
    World w =
        new World(
            START,
            Security.inMemory().withSignUpLimit(1_000),
            Optional.of(
                new OcppSettings(
                    "127.0.0.1",
                    0,
                    profile,
                    Optional.empty(),
                    "",
                    OcppSettings.defaultSchemas(),
                    OcppSettings.DEFAULT_VEHICLE)));
    world = Optional.of(w);
    w.run(Duration.ofMinutes(1));
    Register r = w.service.register();
    var customer = r.addCustomer(Optional.empty(), "Home 1");
    var site = r.addSite(Optional.empty(), customer.id(), "m-1", "fontana", "feeder-1");
    r.linkDevice(site.id(), DeviceId.of(CP), DeviceKind.EV_CHARGER, Power.ofKilowatts(7.4));
    return w;
  }

  private static OcppCharger connect(
      World w, Optional<String> password, AtomicReference<String> got) throws Exception {
    OcppCharger c =
        new OcppCharger(
            w.ocpp.orElseThrow().port(),
            CP,
            "ocpp2.0.1",
            password,
            (action, p) -> {
              if (action.equals("SetVariables")) {
                JsonNode d = p.path("setVariableData").get(0);
                got.set(d.path("attributeValue").asText());
                return Optional.of(
                    "{\"setVariableResult\":[{\"attributeStatus\":\"Accepted\",\"component\":"
                        + d.path("component")
                        + ",\"variable\":"
                        + d.path("variable")
                        + "}]}");
              }
              return Optional.of("{\"status\":\"Accepted\"}");
            });
    JsonNode boot =
        c.call(
            "b",
            "BootNotification",
            "{\"reason\":\"PowerUp\",\"chargingStation\":{\"model\":\"M\",\"vendorName\":\"V\"}}");
    assertThat(boot.get(2).path("status").asText()).isEqualTo("Accepted");
    return c;
  }

  @Test
  void theChargerGetsItsNewPasswordAloneAndTheOldOneEnds() throws Exception {
    World w = world(1);
    w.ocpp.orElseThrow().credentials().set(CP, Password.of(OLD));
    AtomicReference<String> got = new AtomicReference<>("");
    World.Answer rotated;
    try (OcppCharger first = connect(w, Optional.of(OLD), got)) {
      rotated = w.post("/api/v1/chargers/" + CP + "/password", "", w.admin);
      assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
      assertThat(rotated.body().path("state").asText()).isEqualTo("rotated");
      assertThat(got.get()).as("the new password, 40 hexadecimal digits").matches("[0-9a-f]{40}");
      assertThat(rotated.text()).doesNotContain(got.get()).doesNotContain(OLD);
      assertThat(first.noCalls()).as("the SetVariables was answered and read").isFalse();
    }
    String fresh = got.get();
    try (OcppCharger again = connect(w, Optional.of(fresh), new AtomicReference<>(""))) {
      assertThat(again).isNotNull();
    }
    // once the charger connected with the new password, the old one is refused at the upgrade
    assertThatThrownBy(() -> connect(w, Optional.of(OLD), new AtomicReference<>("")))
        .rootCause()
        .hasMessageContaining("401");

    var entries =
        w.security.audit().entries().stream()
            .filter(e -> e.action().equals("charger.password"))
            .toList();
    assertThat(entries)
        .anyMatch(
            e ->
                e.subject().equals("admin")
                    && e.target().equals(CP)
                    && e.outcome().equals("done: rotated"));
    String audit = w.get("/api/v1/audit?limit=500", w.admin).text();
    assertThat(audit).contains("charger.password").doesNotContain(fresh).doesNotContain(OLD);
  }

  @Test
  void withoutPasswordsThereIsNothingToRotateAndABodyIsRefused() throws Exception {
    World w = world(0);
    try (OcppCharger c = connect(w, Optional.empty(), new AtomicReference<>(""))) {
      World.Answer none = w.post("/api/v1/chargers/" + CP + "/password", "", w.admin);
      assertThat(none.status()).as("%s", none).isEqualTo(409);
      assertThat(none.body().path("reason").asText()).isEqualTo("NO_PASSWORDS");
      assertThat(none.body().path("message").asText()).contains("security profile 0");

      World.Answer body =
          w.post("/api/v1/chargers/" + CP + "/password", "{\"password\":\"mine\"}", w.admin);
      assertThat(body.status()).as("%s", body).isEqualTo(400);
      assertThat(body.body().path("message").asText()).contains("takes no body");

      World.Answer viewer = w.post("/api/v1/chargers/" + CP + "/password", "", w.viewer);
      assertThat(viewer.status()).isEqualTo(403);

      World.Answer unknown = w.post("/api/v1/chargers/NOBODY/password", "", w.admin);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(c.noCalls()).isTrue();
    }
  }
}
