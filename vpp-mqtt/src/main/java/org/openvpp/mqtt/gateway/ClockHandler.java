package org.openvpp.mqtt.gateway;

import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.Verdict;

/**
 * The service's side of a simulated world's clock (simulation only): takes each tick of a cloud's
 * world, decoded and checked by {@link ClockPath}.
 *
 * <p>Called on the twins' thread, in the order of the gateway's queue. A tick may still overtake
 * telemetry the cloud published before it (telemetry travels at QoS 0, the tick at QoS 1, possibly
 * on other connections), so a handler does not step at once: it compares the tick's {@code sent}
 * counts with {@link MqttGateway#telemetryMessages(String)} and {@link
 * MqttGateway#meterMessagesHandled(String)}, goes on draining until they are reached (or its
 * patience ends), steps, and answers with {@link MqttGateway#publishClockAck}. The broker's message
 * is acknowledged when this returns.
 */
@FunctionalInterface
public interface ClockHandler {

  /**
   * Takes one tick of {@code cloud}'s world.
   *
   * @return {@link Verdict#ACCEPTED}, or why the service refused it
   */
  Verdict tick(String cloud, ClockCodec.Tick tick);
}
