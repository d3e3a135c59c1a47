package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.openvpp.openadr.auth.Principal;
import org.openvpp.openadr.object.Event;
import org.openvpp.openadr.object.Metadata;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;
import org.openvpp.openadr.object.Operation;
import org.openvpp.openadr.object.Program;
import org.openvpp.openadr.object.Report;
import org.openvpp.openadr.object.Resource;
import org.openvpp.openadr.object.Subscription;
import org.openvpp.openadr.object.Ven;

/**
 * The VTN's operations on objects, independent of HTTP: who may see and write what, the rules the
 * Definition gives (unique program and ven names, resource names unique within their ven, the VTN
 * writing ids, times and client ids), and a notification for every change.
 *
 * <p>Design note. Bodies reach here already checked against the definition's request schemas, so
 * reading their typed fields cannot fail. Writes are serialised by one lock so that a uniqueness
 * check and the write it guards are atomic; reads take no lock (the repository is safe for reads
 * beside one writer). Notifications are handed to the notifiers inside the lock, so subscribers
 * hear of the changes to one object in the order they were made; the notifiers only queue. An
 * object a VEN may not see is answered as not found, never as forbidden, so a VEN learns nothing of
 * other VENs' objects.
 */
final class VtnService {

  private final VtnRepository repository;
  private final InstantSource time;
  private final Access access;
  private final Notifications notifications;
  private final Object writeLock = new Object();

  VtnService(
      VtnRepository repository, InstantSource time, Access access, Notifications notifications) {
    this.repository = repository;
    this.time = time;
    this.access = access;
    this.notifications = notifications;
  }

  List<OadrObject> search(Principal who, ObjectType type, Filter filter) {
    if (type == ObjectType.RESOURCE && filter.venID().isPresent()) {
      // The definition gives searchVenResources a 404: for a ven that does not exist (for this
      // client).
      get(who, ObjectType.VEN, filter.venID().get(), List.of());
    }
    List<OadrObject> out = new ArrayList<>();
    Predicate<OadrObject> matches = matcher(type, filter, time.instant());
    Access.Viewer viewer = access.viewer(who);
    for (OadrObject o : repository.all(type)) {
      if (!matches.test(o)) {
        continue;
      }
      viewer.view(o, filter.targets()).ifPresent(out::add);
    }
    return out.stream().skip(filter.skip()).limit(filter.limit()).toList();
  }

  OadrObject get(Principal who, ObjectType type, String id, List<String> askedTargets) {
    OadrObject o = repository.find(type, id).orElseThrow(() -> notFound(type, id));
    return access.viewer(who).viewImplicit(o, askedTargets).orElseThrow(() -> notFound(type, id));
  }

  OadrObject create(Principal who, ObjectType type, ObjectNode body) {
    synchronized (writeLock) {
      Metadata m = Metadata.created(UUID.randomUUID().toString(), type, time.instant());
      OadrObject created = build(who, type, m, body, Optional.empty());
      repository.save(created);
      notifications.changed(Operation.CREATE, created);
      return created;
    }
  }

  OadrObject update(Principal who, ObjectType type, String id, ObjectNode body) {
    synchronized (writeLock) {
      OadrObject old = writable(who, type, id);
      OadrObject updated =
          build(who, type, old.metadata().modified(time.instant()), body, Optional.of(old));
      repository.save(updated);
      notifications.changed(Operation.UPDATE, updated);
      return updated;
    }
  }

  OadrObject delete(Principal who, ObjectType type, String id) {
    synchronized (writeLock) {
      OadrObject old = writable(who, type, id);
      repository.delete(type, id);
      if (old instanceof Ven ven) {
        for (OadrObject r : repository.all(ObjectType.RESOURCE)) {
          if (((Resource) r).venID().equals(ven.id())) {
            repository.delete(ObjectType.RESOURCE, r.id());
            notifications.changed(Operation.DELETE, r);
          }
        }
      }
      notifications.changed(Operation.DELETE, old);
      return old;
    }
  }

  /** The object to change: BL may change any; a VEN only its own. */
  private OadrObject writable(Principal who, ObjectType type, String id) {
    OadrObject o = repository.find(type, id).orElseThrow(() -> notFound(type, id));
    if (!who.isBl() && !o.clientID().map(who.clientId()::equals).orElse(false)) {
      throw notFound(type, id);
    }
    return o;
  }

  private OadrObject build(
      Principal who, ObjectType type, Metadata m, ObjectNode body, Optional<OadrObject> old) {
    return switch (type) {
      case PROGRAM -> {
        Program p = Program.fromRequest(m, body);
        unique(
            ObjectType.PROGRAM,
            o -> ((Program) o).programName().equals(p.programName()),
            m.id(),
            "a program named " + p.programName() + " exists");
        yield p;
      }
      case EVENT -> {
        Event e = Event.fromRequest(m, body);
        if (repository.find(ObjectType.PROGRAM, e.programIdentifier()).isEmpty()) {
          throw ProblemException.conflict("no program " + e.programIdentifier() + " for the event");
        }
        yield e;
      }
      case REPORT -> {
        String eventId = body.path("eventID").asText();
        Optional<OadrObject> event = repository.find(ObjectType.EVENT, eventId);
        if (event.isEmpty() || access.viewer(who).viewImplicit(event.get(), List.of()).isEmpty()) {
          throw ProblemException.conflict("no event " + eventId + " to report on");
        }
        String owner = old.flatMap(OadrObject::clientID).orElse(who.clientId());
        yield Report.fromRequest(m, body, owner, ((Event) event.get()).programIdentifier());
      }
      case SUBSCRIPTION -> {
        Optional<String> program =
            body.path("programID").isTextual()
                ? Optional.of(body.path("programID").asText())
                : Optional.empty();
        if (program.isPresent() && repository.find(ObjectType.PROGRAM, program.get()).isEmpty()) {
          throw ProblemException.conflict("no program " + program.get() + " to subscribe to");
        }
        String owner = old.flatMap(OadrObject::clientID).orElse(who.clientId());
        yield Subscription.fromRequest(m, body, owner);
      }
      case VEN -> {
        Ven v = ven(who, m, body, old);
        unique(
            ObjectType.VEN,
            o -> ((Ven) o).venName().equals(v.venName()),
            m.id(),
            "a ven named " + v.venName() + " exists");
        yield v;
      }
      case RESOURCE -> {
        Resource r = resource(who, m, body, old);
        unique(
            ObjectType.RESOURCE,
            o ->
                ((Resource) o).venID().equals(r.venID())
                    && ((Resource) o).resourceName().equals(r.resourceName()),
            m.id(),
            "ven " + r.venID() + " has a resource named " + r.resourceName());
        yield r;
      }
    };
  }

  private Ven ven(Principal who, Metadata m, ObjectNode body, Optional<OadrObject> old) {
    boolean bl = "BL_VEN_REQUEST".equals(body.path("objectType").asText());
    if (who.isBl()) {
      if (!bl) {
        throw ProblemException.badRequest(
            "the business logic creates a ven with a BL_VEN_REQUEST naming its clientID");
      }
      return Ven.fromRequest(m, body, body.path("clientID").asText(), strings(body, "targets"));
    }
    if (bl) {
      throw ProblemException.forbidden(
          "a VEN writes its ven with a VEN_VEN_REQUEST: only the business logic grants targets");
    }
    List<String> targets = old.map(OadrObject::targets).orElse(List.of());
    return Ven.fromRequest(m, body, who.clientId(), targets);
  }

  private Resource resource(Principal who, Metadata m, ObjectNode body, Optional<OadrObject> old) {
    boolean bl = "BL_RESOURCE_REQUEST".equals(body.path("objectType").asText());
    String venId = body.path("venID").asText();
    Optional<OadrObject> ven = repository.find(ObjectType.VEN, venId);
    if (who.isBl()) {
      if (ven.isEmpty()) {
        throw ProblemException.notFound("no ven " + venId);
      }
      String owner =
          bl ? body.path("clientID").asText() : ven.get().clientID().orElse(who.clientId());
      List<String> targets =
          bl ? strings(body, "targets") : old.map(OadrObject::targets).orElse(List.of());
      return Resource.fromRequest(m, body, owner, targets);
    }
    if (bl) {
      throw ProblemException.forbidden(
          "a VEN writes its resources with a VEN_RESOURCE_REQUEST: only the business logic grants"
              + " targets");
    }
    if (ven.isEmpty() || !ven.get().clientID().map(who.clientId()::equals).orElse(false)) {
      throw ProblemException.notFound("no ven " + venId);
    }
    List<String> targets = old.map(OadrObject::targets).orElse(List.of());
    return Resource.fromRequest(m, body, who.clientId(), targets);
  }

  private void unique(ObjectType type, Predicate<OadrObject> same, String self, String detail) {
    for (OadrObject o : repository.all(type)) {
      if (!o.id().equals(self) && same.test(o)) {
        throw ProblemException.conflict(detail);
      }
    }
  }

  private static List<String> strings(ObjectNode body, String field) {
    List<String> out = new ArrayList<>();
    body.path(field).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Predicate<OadrObject> matcher(ObjectType type, Filter f, Instant now) {
    return o ->
        switch (o) {
              case Program p -> true;
              case Event e ->
                  f.programID().map(e.programIdentifier()::equals).orElse(true)
                      && (!f.activeOnly() || EventTiming.end(e).map(now::isBefore).orElse(true));
              case Report r ->
                  f.programID().map(r.program()::equals).orElse(true)
                      && f.eventID().map(r.eventID()::equals).orElse(true)
                      && f.clientName().map(r.clientName()::equals).orElse(true);
              case Subscription s ->
                  (f.programID().isEmpty() || s.program().equals(f.programID()))
                      && f.clientName().map(s.clientName()::equals).orElse(true)
                      && (f.objects().isEmpty()
                          || s.objectOperations().stream()
                              .anyMatch(
                                  op -> op.objects().stream().anyMatch(f.objects()::contains)));
              case Ven v -> f.venName().map(v.venName()::equals).orElse(true);
              case Resource r ->
                  f.resourceName().map(r.resourceName()::equals).orElse(true)
                      && f.venID().map(r.venID()::equals).orElse(true);
            }
            && o.objectType() == type;
  }

  private static ProblemException notFound(ObjectType type, String id) {
    return ProblemException.notFound(
        "no " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + id);
  }
}
