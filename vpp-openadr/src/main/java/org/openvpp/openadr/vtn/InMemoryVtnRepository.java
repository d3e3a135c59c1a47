package org.openvpp.openadr.vtn;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;

/** A repository in memory: objects of each type in insertion order, behind one lock. */
public final class InMemoryVtnRepository implements VtnRepository {

  private final Map<ObjectType, Map<String, OadrObject>> objects = new EnumMap<>(ObjectType.class);

  public InMemoryVtnRepository() {
    for (ObjectType t : ObjectType.values()) {
      objects.put(t, new LinkedHashMap<>());
    }
  }

  @Override
  public synchronized List<OadrObject> all(ObjectType type) {
    return List.copyOf(new ArrayList<>(of(type).values()));
  }

  @Override
  public synchronized Optional<OadrObject> find(ObjectType type, String id) {
    return Optional.ofNullable(of(type).get(id));
  }

  @Override
  public synchronized void save(OadrObject object) {
    of(object.objectType()).put(object.id(), object);
  }

  @Override
  public synchronized Optional<OadrObject> delete(ObjectType type, String id) {
    return Optional.ofNullable(of(type).remove(id));
  }

  private Map<String, OadrObject> of(ObjectType type) {
    Map<String, OadrObject> m = objects.get(type);
    if (m == null) {
      throw new IllegalStateException("no map for " + type);
    }
    return m;
  }
}
