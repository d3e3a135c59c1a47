package org.openvpp.mqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.Vehicle;
import org.openvpp.device.WaterHeater;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

class BirthCodecTest {

  @Test
  void everyKindOfDeviceSurvivesItsBirthMessage() {
    List<Device> devices =
        List.of(
            new Battery(
                DeviceId.of("b"),
                Energy.ofKilowattHours(13.5),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(2.7)),
            new EvCharger(
                DeviceId.of("e"),
                Power.ofKilowatts(7.2),
                true,
                new Vehicle(Energy.ofKilowattHours(60), Power.ofKilowatts(7.2), true)),
            new Thermostat(
                DeviceId.of("t"),
                Power.ofKilowatts(3.5),
                2.5,
                Temperature.ofCelsius(20),
                Temperature.ofCelsius(26)),
            new WaterHeater(
                DeviceId.of("w"),
                Power.ofKilowatts(4.5),
                190,
                Temperature.ofCelsius(45),
                Temperature.ofCelsius(65)));
    for (Device d : devices) {
      BirthCodec.Result r = BirthCodec.decode(d.id().value(), BirthCodec.encode(d));
      assertThat(r.verdict()).as(d.toString()).isEqualTo(Verdict.ACCEPTED);
      assertThat(r.device()).hasValue(d);
    }
    PvInverter pv =
        new PvInverter(DeviceId.of("p"), Power.ofKilowatts(6), Power.ofKilowatts(5), true);
    assertThat(BirthCodec.decode("p", BirthCodec.encode(pv)).device().orElseThrow().kind())
        .isEqualTo(pv.kind());
  }

  @Test
  void badBirthsSayWhatIsWrong() {
    BirthCodec.Result missing =
        BirthCodec.decode(
            "b",
            "{\"v\":1,\"kind\":\"battery\",\"capacity_kwh\":10}".getBytes(StandardCharsets.UTF_8));
    assertThat(missing.verdict()).isEqualTo(Verdict.MISSING);
    assertThat(missing.problem()).contains("max_charge_kw");
    BirthCodec.Result wrong =
        BirthCodec.decode(
            "b",
            ("{\"v\":1,\"kind\":\"battery\",\"capacity_kwh\":10,\"reserve_kwh\":20,"
                    + "\"max_charge_kw\":5,\"max_discharge_kw\":5,\"round_trip\":0.9}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(wrong.verdict()).isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(wrong.problem()).contains("backupReserve");
    assertThat(
            BirthCodec.decode(
                    "b", "{\"v\":1,\"kind\":\"toaster\"}".getBytes(StandardCharsets.UTF_8))
                .verdict())
        .isEqualTo(Verdict.OUT_OF_RANGE);
    assertThat(BirthCodec.decode("b", "not json".getBytes(StandardCharsets.UTF_8)).verdict())
        .isEqualTo(Verdict.MALFORMED);
  }
}
