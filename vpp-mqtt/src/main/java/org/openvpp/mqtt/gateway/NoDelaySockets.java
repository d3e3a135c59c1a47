package org.openvpp.mqtt.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off. MQTT clients send small packets and wait for small
 * acknowledgements; with Nagle on, a publish that follows one not yet acknowledged waits for the
 * peer's delayed ACK (up to 40 ms on Linux), which bounds a request-and-wait exchange at ~25 round
 * trips per second.
 */
public final class NoDelaySockets extends SocketFactory {

  /** The one instance. */
  public static final NoDelaySockets INSTANCE = new NoDelaySockets();

  private NoDelaySockets() {}

  private static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }
}
