package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.openadr.auth.Client;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Principal;
import org.openvpp.openadr.notify.WebhookNotifier;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectOperation;
import org.openvpp.openadr.object.ObjectType;
import org.openvpp.openadr.object.Operation;
import org.openvpp.openadr.object.Subscription;

/**
 * Turns a change into notifications: for each subscription with an entry for the change's type and
 * operation, the object as the subscriber may see it (its program filter, its targets and the
 * privacy rules of {@link Access}, target hiding included), posted to the entry's callback URL.
 * Runs on the writing request's thread; the posting itself is the notifier's.
 */
final class Notifications {

  private final VtnRepository repository;
  private final Clients clients;
  private final Access access;
  private final WebhookNotifier webhooks;
  private final Optional<MqttPublisher> mqtt;

  Notifications(
      VtnRepository repository,
      Clients clients,
      Access access,
      WebhookNotifier webhooks,
      Optional<MqttPublisher> mqtt) {
    this.repository = repository;
    this.clients = clients;
    this.access = access;
    this.webhooks = webhooks;
    this.mqtt = mqtt;
  }

  /** The {@code notification} object of the definition for {@code object}. */
  static ObjectNode notification(ObjectType type, Operation operation, OadrObject object) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("objectType", type.name());
    n.put("operation", operation.name());
    n.set("object", object.toJson());
    ArrayNodes.setTargets(n, object.targets());
    return n;
  }

  void changed(Operation operation, OadrObject object) {
    ObjectType type = object.objectType();
    Optional<Map<String, Set<String>>> grants = Optional.empty();
    for (OadrObject o : repository.all(ObjectType.SUBSCRIPTION)) {
      Subscription s = (Subscription) o;
      if (s.program().isPresent()
          && object.programID().isPresent()
          && !s.program().equals(object.programID())) {
        continue;
      }
      Optional<Client> subscriber = clients.find(s.owner());
      if (subscriber.isEmpty()) {
        continue;
      }
      if (s.objectOperations().stream().noneMatch(e -> e.covers(type, operation))) {
        continue;
      }
      Principal who = new Principal(subscriber.get().clientId(), subscriber.get().role(), Set.of());
      if (grants.isEmpty()) {
        grants = Optional.of(access.grantsByClient());
      }
      Optional<OadrObject> seen =
          access
              .viewer(who, grants.get().getOrDefault(who.clientId(), Set.of()))
              .viewImplicit(object, s.targets());
      if (seen.isEmpty()) {
        continue;
      }
      String body = notification(type, operation, seen.get()).toString();
      for (ObjectOperation entry : s.objectOperations()) {
        if (entry.covers(type, operation)) {
          webhooks.submit(
              new WebhookNotifier.Delivery(entry.callbackUrl(), entry.bearerToken(), body));
        }
      }
    }
    mqtt.ifPresent(m -> m.publish(operation, object));
  }
}
