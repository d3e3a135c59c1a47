package org.openvpp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports a start needs, checked before anything starts, so a refused start says why. */
public final class Ports {
  private Ports() {}

  /**
   * Checks that {@code port} on the loopback address can be listened on (0, any free port, always
   * can). Another program may take it before the service does; then the start fails later, but this
   * catches the common case (a second OpenVPP, another server on 8080).
   *
   * @param what what would listen there, for the message
   * @param option how to give another port, for the message
   * @throws IllegalStateException when it is in use
   */
  public static void requireFree(int port, String what, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " ("
              + what
              + ") is in use by another program (another OpenVPP?): stop it, or give another"
              + " port with "
              + option);
    }
  }
}
