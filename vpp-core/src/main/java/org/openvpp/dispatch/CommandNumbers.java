package org.openvpp.dispatch;

/**
 * The sequence numbers of a control loop's commands, shared by every dispatcher of the loop: a
 * command's id is {@code c-} and its number ({@link CommandLedger#idOf}), so two dispatchers that
 * command different devices of one fleet must not number from the same counter twice.
 *
 * <p>Threads: confined to the control loop's thread, like the dispatchers.
 */
public final class CommandNumbers {
  private long last;

  /** Numbers from 1. */
  public CommandNumbers() {
    this(0);
  }

  /**
   * Numbers from {@code after + 1}: a restarted loop goes on above every number it may have given
   * before, so devices, which act only on a number newer than the last they took, follow it.
   */
  public CommandNumbers(long after) {
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative, was " + after);
    }
    this.last = after;
  }

  /** The number the next command gets. */
  long peekNext() {
    return last + 1;
  }

  /** Takes the next number. */
  long take() {
    return ++last;
  }

  /** The last number given, 0 before any. */
  public long last() {
    return last;
  }
}
