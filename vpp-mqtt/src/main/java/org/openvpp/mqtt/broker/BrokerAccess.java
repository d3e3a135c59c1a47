package org.openvpp.mqtt.broker;

/**
 * Who may publish and subscribe where, by protocol v1 (docs/device-protocol.md): a device only
 * under {@code vpp/v1/d/{its user name}/…}, a site meter with its own connection only under {@code
 * vpp/v1/m/{its user name}/…}, a device cloud (or a meters' head-end) only under {@code
 * vpp/v1/c/{its user name}/…}, the gateway ({@link #GATEWAY_USER}) anywhere under {@code vpp/v1/}.
 * Nobody else gets anything. A shared subscription ({@code $share/GROUP/FILTER}) is judged by its
 * filter.
 *
 * <p>The same rules as {@link MosquittoProcess#ACL} in Mosquitto's terms; the embedded broker asks
 * these functions.
 */
public final class BrokerAccess {

  /** The gateway's user name. */
  public static final String GATEWAY_USER = "vpp-gateway";

  private static final String ROOT = "vpp/v1/";
  private static final String SHARED = "$share/";

  private BrokerAccess() {}

  /** Whether {@code user} may publish to {@code topic} (a topic name, no wildcards). */
  public static boolean mayPublish(String user, String topic) {
    if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
      return false;
    }
    return owns(user, topic);
  }

  /**
   * Whether {@code user} may subscribe to {@code filter} (wildcards allowed past its own prefix).
   */
  public static boolean maySubscribe(String user, String filter) {
    String f = filter;
    if (f.startsWith(SHARED)) {
      int slash = f.indexOf('/', SHARED.length());
      if (slash < 0) {
        return false;
      }
      f = f.substring(slash + 1);
    }
    return owns(user, f);
  }

  private static boolean owns(String user, String topic) {
    if (user.isEmpty()
        || user.indexOf('/') >= 0
        || user.indexOf('+') >= 0
        || user.indexOf('#') >= 0
        || !topic.startsWith(ROOT)) {
      return false;
    }
    if (user.equals(GATEWAY_USER)) {
      return true;
    }
    return under(topic, ROOT + "d/" + user + "/")
        || under(topic, ROOT + "m/" + user + "/")
        || under(topic, ROOT + "c/" + user + "/");
  }

  private static boolean under(String topic, String prefix) {
    return topic.length() > prefix.length() && topic.startsWith(prefix);
  }
}
