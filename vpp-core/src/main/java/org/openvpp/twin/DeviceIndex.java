package org.openvpp.twin;

/**
 * Device id text to dense ordinal, for the hot path of telemetry ingestion.
 *
 * <p>Design: open addressing with linear probing over two parallel arrays (the keys and their
 * ordinals), kept at most half full, so a lookup is one hash, usually one probe and one string
 * comparison, with no boxing and no entry objects to chase (a {@code HashMap<DeviceId, Integer>}
 * costs four pointer hops per lookup and dominated ingestion profiles).
 *
 * <p>Threads: lookups may run concurrently with each other but not with {@link #put}.
 */
final class DeviceIndex {
  private String[] keys = new String[16];
  private int[] ordinals = new int[16];
  private int size;

  /** The ordinal of {@code id}, or -1 when it is not known. */
  int get(String id) {
    int mask = keys.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.equals(id)) {
        return ordinals[i];
      }
    }
  }

  /**
   * The ordinal of the id written in {@code text[from, to)}, or -1: the same as {@code
   * get(text.substring(from, to))} without making the substring.
   */
  int get(String text, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + text.charAt(i);
    }
    int len = to - from;
    int mask = keys.length - 1;
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.length() == len && k.regionMatches(0, text, from, len)) {
        return ordinals[i];
      }
    }
  }

  /** Adds {@code id} with {@code ordinal}; the id must not be present. */
  void put(String id, int ordinal) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(keys, ordinals, id, ordinal);
    size++;
  }

  private static void insert(String[] keys, int[] ordinals, String id, int ordinal) {
    int mask = keys.length - 1;
    int i = spread(id.hashCode()) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    ordinals[i] = ordinal;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldOrdinals = ordinals;
    keys = new String[oldKeys.length * 2];
    ordinals = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      String k = oldKeys[i];
      if (k != null) {
        insert(keys, ordinals, k, oldOrdinals[i]);
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  int size() {
    return size;
  }

  @Override
  public String toString() {
    return "DeviceIndex[" + size + " ids in " + keys.length + " slots]";
  }
}
