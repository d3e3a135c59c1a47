package org.openvpp.openadr.vtn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.openadr.auth.Principal;
import org.openvpp.openadr.object.Event;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;
import org.openvpp.openadr.object.Program;
import org.openvpp.openadr.object.Resource;
import org.openvpp.openadr.object.Ven;

/**
 * Object privacy as the Definition's "Object Privacy" section gives it.
 *
 * <p>BL reads everything; its {@code targets} parameter only filters (an object matches when it has
 * one of the targets asked for). A VEN reads the vens, resources, subscriptions and reports whose
 * clientID is its own. A VEN reads a program or event without targets when it asks for no targets,
 * and one with targets only through targets it asks for that the business logic has granted it (the
 * targets of its ven and resource objects): the object is shown with only those of its targets
 * (target hiding). Reading by id, where the definition gives no targets parameter, a VEN's granted
 * targets stand for the targets asked for ({@link Viewer#viewImplicit}).
 *
 * <p>A VEN's granted targets take a pass over the vens and resources, so they are worked out once
 * per {@link Viewer} (one request), or for every client at once by {@link #grantsByClient} (one
 * change to notify), never once per object.
 */
final class Access {

  private final VtnRepository repository;

  Access(VtnRepository repository) {
    this.repository = repository;
  }

  /** The targets granted to each client that has a ven, in one pass over vens and resources. */
  Map<String, Set<String>> grantsByClient() {
    Map<String, Set<String>> out = new HashMap<>();
    Map<String, String> venOwner = new HashMap<>();
    for (OadrObject o : repository.all(ObjectType.VEN)) {
      Ven v = (Ven) o;
      venOwner.put(v.id(), v.owner());
      out.computeIfAbsent(v.owner(), k -> new LinkedHashSet<>()).addAll(v.targets());
    }
    for (OadrObject o : repository.all(ObjectType.RESOURCE)) {
      Resource r = (Resource) o;
      Set<String> owners = new HashSet<>();
      owners.add(r.owner());
      Optional.ofNullable(venOwner.get(r.venID())).ifPresent(owners::add);
      for (String owner : owners) {
        out.computeIfAbsent(owner, k -> new LinkedHashSet<>()).addAll(r.targets());
      }
    }
    return out;
  }

  /**
   * A viewer for one request of {@code who}; its granted targets are looked up when first needed.
   */
  Viewer viewer(Principal who) {
    return new Viewer(who, Optional.empty());
  }

  /** A viewer for {@code who} whose granted targets are already known. */
  Viewer viewer(Principal who, Set<String> granted) {
    return new Viewer(who, Optional.of(Set.copyOf(granted)));
  }

  /** Objects as one client may see them. Not thread-safe: one request's. */
  final class Viewer {

    private final Principal who;
    private Optional<Set<String>> granted;

    private Viewer(Principal who, Optional<Set<String>> granted) {
      this.who = who;
      this.granted = granted;
    }

    /**
     * {@code object} as the client may see it when asking with {@code asked} targets, or empty when
     * it may not see it.
     */
    Optional<OadrObject> view(OadrObject object, List<String> asked) {
      return view(object, asked, false);
    }

    /**
     * As {@link #view}, but when no targets are asked for, a VEN's granted targets stand for them
     * and objects without targets are seen: for reads by id, notifications and MQTT, where no
     * targets parameter is given.
     */
    Optional<OadrObject> viewImplicit(OadrObject object, List<String> asked) {
      return view(object, asked, true);
    }

    private Optional<OadrObject> view(OadrObject object, List<String> asked, boolean implicit) {
      if (who.isBl()) {
        return asked.isEmpty() || intersects(object.targets(), asked)
            ? Optional.of(object)
            : Optional.empty();
      }
      return switch (object) {
        case Program p -> shown(p.targets(), asked, implicit).map(p::withTargets);
        case Event e -> shown(e.targets(), asked, implicit).map(e::withTargets);
        default -> {
          boolean own = object.clientID().map(who.clientId()::equals).orElse(false);
          yield own && (asked.isEmpty() || intersects(object.targets(), asked))
              ? Optional.of(object)
              : Optional.empty();
        }
      };
    }

    /** The targets a VEN is shown of an object with {@code targets}, or empty if none. */
    private Optional<List<String>> shown(
        List<String> targets, List<String> asked, boolean implicit) {
      boolean byGrant = implicit && asked.isEmpty();
      if (targets.isEmpty()) {
        return asked.isEmpty() ? Optional.of(List.of()) : Optional.empty();
      }
      Set<String> mine = granted();
      List<String> shown =
          targets.stream().filter(t -> (byGrant || asked.contains(t)) && mine.contains(t)).toList();
      return shown.isEmpty() ? Optional.empty() : Optional.of(shown);
    }

    private Set<String> granted() {
      if (granted.isEmpty()) {
        granted = Optional.of(Set.copyOf(grantsByClient().getOrDefault(who.clientId(), Set.of())));
      }
      return granted.get();
    }
  }

  private static boolean intersects(List<String> a, List<String> b) {
    return a.stream().anyMatch(b::contains);
  }
}
