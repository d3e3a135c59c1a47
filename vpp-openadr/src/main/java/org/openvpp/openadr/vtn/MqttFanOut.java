package org.openvpp.openadr.vtn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Principal;
import org.openvpp.openadr.auth.Role;
import org.openvpp.openadr.notify.MqttNotifier;
import org.openvpp.openadr.object.Event;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;
import org.openvpp.openadr.object.Operation;
import org.openvpp.openadr.object.Program;
import org.openvpp.openadr.object.Resource;
import org.openvpp.openadr.object.Ven;

/**
 * Publishes a change to every MQTT topic it belongs to ({@link MqttTopics}): its collection's, its
 * own (programs and vens, for UPDATE and DELETE), its program's events, its ven's resources, and,
 * for programs and events, the topic of each ven that may see it, with the object as that ven sees
 * it (target hiding). The collection topics carry the object whole: the Definition has no filtering
 * on topics, and their topic-name operations are for BL ({@code read_bl}) or public ({@code
 * read_all}) as the definition gives them.
 */
final class MqttFanOut implements MqttPublisher {

  private final MqttNotifier notifier;
  private final MqttTopics topics;
  private final VtnRepository repository;
  private final Access access;
  private final Clients clients;

  MqttFanOut(
      MqttNotifier notifier,
      MqttTopics topics,
      VtnRepository repository,
      Access access,
      Clients clients) {
    this.notifier = notifier;
    this.topics = topics;
    this.repository = repository;
    this.access = access;
    this.clients = clients;
  }

  @Override
  public void publish(Operation operation, OadrObject object) {
    ObjectType type = object.objectType();
    String whole = Notifications.notification(type, operation, object).toString();
    notifier.publish(topics.topic(type.collection(), operation), whole);
    switch (object) {
      case Program p -> {
        if (operation != Operation.CREATE) {
          notifier.publish(topics.topic("programs/" + p.id(), operation), whole);
        }
        perVen(operation, object, "programs");
      }
      case Event e -> {
        notifier.publish(
            topics.topic("programs/" + e.programIdentifier() + "/events", operation), whole);
        perVen(operation, object, "events");
      }
      case Ven v -> {
        if (operation != Operation.CREATE) {
          notifier.publish(topics.topic("vens/" + v.id(), operation), whole);
        }
      }
      case Resource r ->
          notifier.publish(topics.topic("vens/" + r.venID() + "/resources", operation), whole);
      default -> {}
    }
  }

  private void perVen(Operation operation, OadrObject object, String branch) {
    Map<String, Set<String>> grants = access.grantsByClient();
    for (OadrObject o : repository.all(ObjectType.VEN)) {
      Ven ven = (Ven) o;
      if (clients.find(ven.owner()).isEmpty()) {
        continue;
      }
      Principal who = new Principal(ven.owner(), Role.VEN, Set.of());
      Optional<OadrObject> seen =
          access
              .viewer(who, grants.getOrDefault(ven.owner(), Set.of()))
              .viewImplicit(object, List.of());
      seen.ifPresent(
          s ->
              notifier.publish(
                  topics.topic("vens/" + ven.id() + "/" + branch, operation),
                  Notifications.notification(object.objectType(), operation, s).toString()));
    }
  }
}
