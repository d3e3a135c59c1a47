package org.openvpp.ocpp.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class SampledValuesTest {
  private static SampledValues.Read read16(String sampledValues) {
    return SampledValues.read(
        OcppVersion.V1_6,
        Frames.object(
                "{\"m\":[{\"timestamp\":\"2026-12-01T08:00:00Z\",\"sampledValue\":"
                    + sampledValues
                    + "}]}")
            .path("m"));
  }

  private static SampledValues.Read read201(String sampledValues) {
    return SampledValues.read(
        OcppVersion.V2_0_1,
        Frames.object(
                "{\"m\":[{\"timestamp\":\"2026-12-01T09:00:00+01:00\",\"sampledValue\":"
                    + sampledValues
                    + "}]}")
            .path("m"));
  }

  @Test
  void aSampleWithoutMeasurandOrUnitIsTheImportRegisterInWattHours() {
    SampledValues.Read r = read16("[{\"value\":\"1234.5\"}]");
    assertThat(r.refused()).isEmpty();
    Sample s = r.samples().get(0);
    assertThat(s.measurand()).isEqualTo(Sample.ENERGY_IMPORT_REGISTER);
    assertThat(s.energy()).contains(Energy.ofWattHours(1234.5));
    assertThat(s.isImportRegister()).isTrue();
    assertThat(s.context()).isEqualTo("Sample.Periodic");
    assertThat(s.location()).isEqualTo("Outlet");
    assertThat(s.timestamp()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void kilowattHoursAndKilowattsAreScaledToWattHoursAndWatts() {
    SampledValues.Read r =
        read16(
            "[{\"value\":\"12.5\",\"unit\":\"kWh\"},"
                + "{\"value\":\"7.4\",\"unit\":\"kW\",\"measurand\":\"Power.Active.Import\"},"
                + "{\"value\":\"3200\",\"unit\":\"W\",\"measurand\":\"Power.Active.Import\","
                + "\"phase\":\"L1\",\"context\":\"Transaction.Begin\"}]");
    assertThat(r.refused()).isEmpty();
    assertThat(r.samples().get(0).energy()).contains(Energy.ofWattHours(12_500));
    assertThat(r.samples().get(1).power()).contains(Power.ofWatts(7_400));
    Sample l1 = r.samples().get(2);
    assertThat(l1.power()).contains(Power.ofWatts(3_200));
    assertThat(l1.phase()).contains("L1");
    assertThat(l1.context()).isEqualTo("Transaction.Begin");
  }

  @Test
  void aMultiplierIsAPowerOfTenOnTopOfTheUnit() {
    SampledValues.Read r =
        read201(
            "[{\"value\":12.5,\"unitOfMeasure\":{\"unit\":\"Wh\",\"multiplier\":3}},"
                + "{\"value\":1.25,\"unitOfMeasure\":{\"unit\":\"kWh\",\"multiplier\":1}},"
                + "{\"value\":74,\"measurand\":\"Power.Active.Import\","
                + "\"unitOfMeasure\":{\"unit\":\"W\",\"multiplier\":2}},"
                + "{\"value\":55,\"measurand\":\"SoC\",\"location\":\"EV\"}]");
    assertThat(r.refused()).isEmpty();
    assertThat(r.samples().get(0).energy()).contains(Energy.ofWattHours(12_500));
    assertThat(r.samples().get(1).energy()).contains(Energy.ofWattHours(12_500));
    assertThat(r.samples().get(2).power()).contains(Power.ofWatts(7_400));
    Sample soc = r.samples().get(3);
    assertThat(soc.unit()).isEqualTo(Unit.PERCENT);
    assertThat(soc.value()).isEqualTo(55.0);
    assertThat(soc.location()).isEqualTo("EV");
    assertThat(soc.timestamp()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void aValueThatIsNotAPlainDecimalIsRefusedWithItsPlace() {
    SampledValues.Read r =
        read16(
            "[{\"value\":\"12,5\"},{\"value\":\"NaN\"},{\"value\":\"0x1p3\"},"
                + "{\"value\":\"1.5d\"},{\"value\":\"\"},{\"value\":\"1e3\"}]");
    assertThat(r.samples()).hasSize(1);
    assertThat(r.samples().get(0).energy()).contains(Energy.ofWattHours(1_000));
    assertThat(r.refused()).hasSize(5);
    assertThat(r.refused().get(0))
        .isEqualTo("meterValue[0].sampledValue[0]: value \"12,5\" is not a number");
    assertThat(r.refused().get(1)).contains("sampledValue[1]", "\"NaN\" is not a number");
  }

  @Test
  void anUnknownUnitIsRefused() {
    SampledValues.Read r = read201("[{\"value\":3,\"unitOfMeasure\":{\"unit\":\"furlong\"}}]");
    assertThat(r.samples()).isEmpty();
    assertThat(r.refused())
        .containsExactly(
            "meterValue[0].sampledValue[0]: unit \"furlong\" is not known"
                + " (Energy.Active.Import.Register)");
  }

  @Test
  void aUnitThatDoesNotFitItsMeasurandIsRefused() {
    SampledValues.Read r =
        read16(
            "[{\"value\":\"16\",\"unit\":\"A\"},"
                + "{\"value\":\"7\",\"unit\":\"kWh\",\"measurand\":\"Power.Active.Import\"},"
                + "{\"value\":\"50\",\"unit\":\"Wh\",\"measurand\":\"SoC\"}]");
    assertThat(r.samples()).isEmpty();
    assertThat(r.refused().get(0))
        .endsWith("unit \"A\" does not fit Energy.Active.Import.Register (in Wh)");
    assertThat(r.refused().get(1)).endsWith("does not fit Power.Active.Import (in W)");
    assertThat(r.refused().get(2)).endsWith("does not fit SoC (in Percent)");
  }

  @Test
  void aMultiplierOutOfRangeOrAnOverflowIsRefused() {
    SampledValues.Read r =
        read201(
            "[{\"value\":1,\"unitOfMeasure\":{\"multiplier\":10}},"
                + "{\"value\":1e307,\"unitOfMeasure\":{\"unit\":\"kWh\",\"multiplier\":9}}]");
    assertThat(r.samples()).isEmpty();
    assertThat(r.refused().get(0)).contains("multiplier 10 is out of range");
    assertThat(r.refused().get(1)).contains("is out of range");
  }

  @Test
  void aSignedValueIsPassedOverWithoutARefusal() {
    SampledValues.Read r =
        read16("[{\"value\":\"AP3fB2...\",\"format\":\"SignedData\"},{\"value\":\"10\"}]");
    assertThat(r.refused()).isEmpty();
    assertThat(r.samples()).hasSize(1);
    assertThat(r.samples().get(0).phase()).isEqualTo(Optional.empty());
  }
}
