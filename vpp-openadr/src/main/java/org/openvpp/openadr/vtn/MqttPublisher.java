package org.openvpp.openadr.vtn;

import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.Operation;

/** Publishes a change to the MQTT notifier's topics. */
interface MqttPublisher {

  void publish(Operation operation, OadrObject object);
}
