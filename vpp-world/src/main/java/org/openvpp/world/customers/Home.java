package org.openvpp.world.customers;

import java.util.List;

/**
 * One simulated home as its customer would describe it to the VPP: who they are, their site, its
 * meter, and the devices they own (by the ids their devices report under).
 *
 * @param index the home's index in the simulated fleet
 * @param customerId the customer's id (the utility's, when it moves a program over)
 * @param name the customer's name
 * @param siteId the site's id
 * @param meterId the site meter's id
 * @param region the site's region
 * @param feeder the site's feeder
 * @param devices the devices at the site
 */
public record Home(
    int index,
    String customerId,
    String name,
    String siteId,
    String meterId,
    String region,
    String feeder,
    List<Device> devices) {

  public Home {
    devices = List.copyOf(devices);
  }

  /**
   * A device at a home.
   *
   * @param id the id it reports under
   * @param kind its kind, as the API names it ({@code battery}, {@code ev_charger}, …)
   * @param capacityKw what it can be enrolled for
   * @param program the program the customer enrols it in, if any
   */
  public record Device(String id, String kind, double capacityKw, String program) {
    public boolean enrols() {
      return !program.isEmpty();
    }
  }
}
