package org.openvpp.ocpp.charger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A register of chargers in memory, for tests and a first run: known identities are accepted, an
 * unknown one waits for {@link #approve} (pending), a {@link #refuse}d one is rejected.
 */
public final class InMemoryChargerRegistry implements ChargerRegistry {
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Map<String, BootInfo> awaiting = new ConcurrentHashMap<>();

  /** A register that knows {@code identities}. */
  public static InMemoryChargerRegistry knowing(String... identities) {
    InMemoryChargerRegistry r = new InMemoryChargerRegistry();
    for (String id : identities) {
      r.approve(id);
    }
    return r;
  }

  @Override
  public Admission admit(String identity, BootInfo boot) {
    if (known.contains(identity)) {
      return Admission.ACCEPTED;
    }
    if (refused.contains(identity)) {
      return Admission.REJECTED;
    }
    awaiting.put(identity, boot);
    return Admission.PENDING;
  }

  /** The operator accepts {@code identity}: its next boot is accepted. */
  public void approve(String identity) {
    refused.remove(identity);
    awaiting.remove(identity);
    known.add(identity);
  }

  /** The operator refuses {@code identity}: its boots are rejected. */
  public void refuse(String identity) {
    known.remove(identity);
    awaiting.remove(identity);
    refused.add(identity);
  }

  /** The unknown chargers that booted and await an operator, with what they said of themselves. */
  public Map<String, BootInfo> awaiting() {
    return Map.copyOf(awaiting);
  }
}
