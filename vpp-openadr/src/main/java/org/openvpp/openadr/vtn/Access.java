package org.openvpp.openadr.vtn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * targets stand for the targets asked for.
 */
final class Access {

  private final VtnRepository repository;

  Access(VtnRepository repository) {
    this.repository = repository;
  }

  /** The targets the business logic has granted the VEN {@code clientId}. */
  Set<String> granted(String clientId) {
    Set<String> out = new LinkedHashSet<>();
    List<String> vens = new ArrayList<>();
    for (OadrObject o : repository.all(ObjectType.VEN)) {
      Ven v = (Ven) o;
      if (v.owner().equals(clientId)) {
        out.addAll(v.targets());
        vens.add(v.id());
      }
    }
    for (OadrObject o : repository.all(ObjectType.RESOURCE)) {
      Resource r = (Resource) o;
      if (r.owner().equals(clientId) || vens.contains(r.venID())) {
        out.addAll(r.targets());
      }
    }
    return out;
  }

  /**
   * {@code object} as {@code who} may see it when asking with {@code asked} targets, or empty when
   * {@code who} may not see it.
   */
  Optional<OadrObject> view(Principal who, OadrObject object, List<String> asked) {
    return view(who, object, asked, false);
  }

  /**
   * As {@link #view(Principal, OadrObject, List)}, but when no targets are asked for, a VEN's
   * granted targets stand for them and objects without targets are seen: for reads by id,
   * notifications and MQTT, where no targets parameter is given.
   */
  Optional<OadrObject> viewImplicit(Principal who, OadrObject object, List<String> asked) {
    return view(who, object, asked, true);
  }

  private Optional<OadrObject> view(
      Principal who, OadrObject object, List<String> asked, boolean implicit) {
    if (who.isBl()) {
      return asked.isEmpty() || intersects(object.targets(), asked)
          ? Optional.of(object)
          : Optional.empty();
    }
    return switch (object) {
      case Program p -> shown(who, p.targets(), asked, implicit).map(p::withTargets);
      case Event e -> shown(who, e.targets(), asked, implicit).map(e::withTargets);
      default -> {
        boolean own = object.clientID().map(who.clientId()::equals).orElse(false);
        yield own && (asked.isEmpty() || intersects(object.targets(), asked))
            ? Optional.of(object)
            : Optional.empty();
      }
    };
  }

  /** The targets a VEN is shown of an object with {@code targets}, or empty if it sees nothing. */
  private Optional<List<String>> shown(
      Principal who, List<String> targets, List<String> asked, boolean implicit) {
    boolean byGrant = implicit && asked.isEmpty();
    if (targets.isEmpty()) {
      return asked.isEmpty() ? Optional.of(List.of()) : Optional.empty();
    }
    Set<String> granted = granted(who.clientId());
    List<String> shown =
        targets.stream()
            .filter(t -> (byGrant || asked.contains(t)) && granted.contains(t))
            .toList();
    return shown.isEmpty() ? Optional.empty() : Optional.of(shown);
  }

  private static boolean intersects(List<String> a, List<String> b) {
    return a.stream().anyMatch(b::contains);
  }
}
