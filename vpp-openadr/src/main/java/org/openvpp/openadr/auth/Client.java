package org.openvpp.openadr.auth;

/** A client the VTN knows: its id, its role and a description for people. */
public record Client(String clientId, Role role, String description) {}
