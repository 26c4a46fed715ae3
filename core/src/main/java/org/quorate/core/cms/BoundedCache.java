package org.quorate.core.cms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map of at most a given number of entries, the least recently used dropped first:
 * what the verifiers keep of recurring signers (decoded public keys, decoded certificates).
 *
 * @param <K> key type (with value equality)
 * @param <V> value type
 */
final class BoundedCache<K, V> {
  private final Map<K, V> entries;

  /**
   * @param capacity most entries kept, at least 1
   */
  BoundedCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * @param key a key
   * @return its value (now the most recently used), or null
   */
  synchronized V get(K key) {
    return entries.get(key);
  }

  /**
   * @param key a key
   * @param value its value, replacing any earlier one
   */
  synchronized void put(K key, V value) {
    entries.put(key, value);
  }
}
