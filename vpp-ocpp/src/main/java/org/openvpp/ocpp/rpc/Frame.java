package org.openvpp.ocpp.rpc;

/**
 * An OCPP-J frame. The payloads are Jackson trees shared with the caller: treat them as read-only.
 */
public sealed interface Frame extends Parsed permits Call, CallResult, CallError {
  /** The message id: a CALL's, or the CALL's a result or error answers. */
  String messageId();

  /** The message type id on the wire: 2, 3 or 4. */
  int messageType();
}
