package org.openvpp.openadr.ven;

/**
 * An event from the VTN that OpenVPP cannot act on; the message says why (see {@link
 * OpenAdrEvent}'s design note for what is refused).
 */
public final class RefusedEvent extends Exception {
  private static final long serialVersionUID = 1L;

  private final String eventId;

  public RefusedEvent(String eventId, String reason) {
    super("event " + eventId + " refused: " + reason);
    this.eventId = eventId;
  }

  public String eventId() {
    return eventId;
  }
}
