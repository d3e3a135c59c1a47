package org.openvpp.server.run;

import java.time.Instant;
import org.openvpp.program.EventBook;
import org.openvpp.twin.TwinStore;

/**
 * Changes asked of a running VPP from outside its thread (the API): the run applies them at the
 * start of each step, on its own thread, where the books and the twins may be written.
 */
public interface RunRequests {

  /** Nothing is ever asked. */
  RunRequests NONE = (now, book, twins) -> false;

  /**
   * Applies what was asked since the last step: to the event book (opt-outs) or to the twins
   * (customers' preferences).
   *
   * @return whether anything changed, so the run refreshes what the VPP may command
   */
  boolean apply(Instant now, EventBook book, TwinStore twins);
}
