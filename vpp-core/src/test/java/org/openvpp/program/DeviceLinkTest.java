package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.units.Power;

class DeviceLinkTest {

  private static SiteDevice link(String device, String site, DeviceKind kind) {
    return new SiteDevice(DeviceId.of(device), site, kind, Power.ofKilowatts(5), T0);
  }

  @Test
  void aDeviceLinkedToAnotherSiteCannotBeEnrolledHere() {
    Enrolments r = Fixtures.register(2, Fixtures.byo());
    r.linkDevice(link("b1", "s2", DeviceKind.BATTERY));
    assertThatThrownBy(() -> r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("linked to site s2, not s1");
  }

  @Test
  void aDeviceLinkedAsAnotherKindCannotBeEnrolledAsABattery() {
    Enrolments r = Fixtures.register(1, Fixtures.byo());
    r.linkDevice(link("b1", "s1", DeviceKind.EV_CHARGER));
    assertThatThrownBy(() -> r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0))
        .hasMessageContaining("linked as a EV_CHARGER");
  }

  @Test
  void enrollingAnUnlinkedDeviceLinksItToTheSite() {
    Enrolments r = Fixtures.register(1, Fixtures.byo());
    r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    assertThat(r.device(DeviceId.of("b1"))).map(SiteDevice::siteId).contains("s1");
  }

  @Test
  void aDeviceIsLinkedOnce() {
    Enrolments r = Fixtures.register(2, Fixtures.byo());
    r.linkDevice(link("b1", "s1", DeviceKind.BATTERY));
    assertThatThrownBy(() -> r.linkDevice(link("b1", "s2", DeviceKind.BATTERY)))
        .hasMessageContaining("already linked to site s1");
  }

  @Test
  void aDeviceIsLinkedToAKnownSite() {
    Enrolments r = Fixtures.register(1, Fixtures.byo());
    assertThatThrownBy(() -> r.linkDevice(link("b1", "nowhere", DeviceKind.BATTERY)))
        .hasMessageContaining("no site nowhere");
  }
}
