package org.openvpp.ocpp.rpc;

/** What one incoming text became: a frame, or the reason it is none. */
public sealed interface Parsed permits Frame, Refusal {}
