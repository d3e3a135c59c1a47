package org.openvpp.openadr.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OpenAdrDefinitionTest {

  private static final OpenAdrDefinition DEFINITION = OpenAdrDefinition.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void acceptsAValidProgramRequest() throws Exception {
    assertThat(
            DEFINITION.validate(
                "programRequest",
                JSON.readTree(
                    "{\"programName\":\"p1\",\"targets\":null,\"intervalPeriod\":{\"start\":\"2026-01-01T00:00:00Z\",\"duration\":\"PT1H\"}}")))
        .isEmpty();
  }

  @Test
  void refusesAProgramRequestWithoutName() throws Exception {
    assertThat(DEFINITION.validate("programRequest", JSON.readTree("{\"targets\":[\"a\"]}")))
        .isNotEmpty();
  }

  @Test
  void refusesABadDateTimeAndDuration() throws Exception {
    assertThat(
            DEFINITION.validate(
                "programRequest",
                JSON.readTree(
                    "{\"programName\":\"p\",\"intervalPeriod\":{\"start\":\"yesterday\",\"duration\":\"1h\"}}")))
        .hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void acceptsAServerVen() throws Exception {
    assertThat(
            DEFINITION.validate(
                "ven",
                JSON.readTree(
                    "{\"id\":\"v1\",\"createdDateTime\":\"2026-01-01T00:00:00Z\",\"modificationDateTime\":\"2026-01-01T00:00:00Z\",\"objectType\":\"VEN\",\"clientID\":\"c\",\"venName\":\"n\"}")))
        .isEmpty();
  }

  @Test
  void checksANotification() throws Exception {
    assertThat(
            DEFINITION.validate(
                "notification",
                JSON.readTree(
                    "{\"objectType\":\"PROGRAM\",\"operation\":\"CREATE\",\"object\":{\"id\":\"p1\",\"createdDateTime\":\"2026-01-01T00:00:00Z\",\"modificationDateTime\":\"2026-01-01T00:00:00Z\",\"objectType\":\"PROGRAM\",\"programName\":\"n\"}}")))
        .isEmpty();
  }
}
