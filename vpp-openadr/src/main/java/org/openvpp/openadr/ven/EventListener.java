package org.openvpp.openadr.ven;

/**
 * Told of the events of the programs a {@link Ven} follows. Called on the VEN's polling thread or
 * on its webhook receiver's thread, one call at a time.
 */
public interface EventListener {

  /** What happened to an event. */
  enum Change {
    /** The VEN sees the event for the first time. */
    CREATED,
    /** The VTN modified an event the VEN had seen. */
    UPDATED,
    /** The VTN deleted it (OpenADR 3 cancels an event by deleting it). */
    CANCELLED
  }

  void event(Change change, OpenAdrEvent event);

  /**
   * An event the VEN refused: what it was and why; by default ignored (the VEN logs and counts).
   */
  default void refused(RefusedEvent refusal) {}
}
