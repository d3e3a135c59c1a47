package org.openvpp.openadr.vtn;

import java.util.List;
import java.util.Optional;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;

/**
 * Where a VTN keeps its objects. The VTN serialises writes itself (one writer at a time), so an
 * implementation needs only to be safe for concurrent reads alongside one writer.
 */
public interface VtnRepository {

  /** Every object of {@code type}, oldest first. */
  List<OadrObject> all(ObjectType type);

  /** The object of {@code type} with {@code id}, if there is one. */
  Optional<OadrObject> find(ObjectType type, String id);

  /** Stores {@code object}, replacing the one of the same type and id if there is one. */
  void save(OadrObject object);

  /** Removes and returns the object of {@code type} with {@code id}, if there was one. */
  Optional<OadrObject> delete(ObjectType type, String id);
}
