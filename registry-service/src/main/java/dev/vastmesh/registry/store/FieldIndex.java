package dev.vastmesh.registry.store;

import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Instance ids by the value of one field (environment, status or GPU type), in id order, so a
 * filtered listing walks only the instances that can match instead of the whole fleet. Writes
 * are serialised by the view; reads are lock-free and re-check every entry, so a reader racing a
 * write sees the instance before or after it, never a wrong one.
 */
final class FieldIndex {

  private static final NavigableSet<Long> NONE = new ConcurrentSkipListSet<>();

  private final Map<String, NavigableSet<Long>> ids = new ConcurrentHashMap<>();
  // ConcurrentSkipListSet.size() walks the set; the planner needs sizes cheaply.
  private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();

  void add(@Nullable String value, long id) {
    if (value != null && ids.computeIfAbsent(value, v -> new ConcurrentSkipListSet<>()).add(id)) {
      sizes.computeIfAbsent(value, v -> new AtomicInteger()).incrementAndGet();
    }
  }

  void remove(@Nullable String value, long id) {
    if (value == null) {
      return;
    }
    NavigableSet<Long> set = ids.get(value);
    if (set != null && set.remove(id)) {
      sizes.get(value).decrementAndGet();
    }
  }

  NavigableSet<Long> idsWith(String value) {
    return ids.getOrDefault(value, NONE);
  }

  int count(String value) {
    AtomicInteger size = sizes.get(value);
    return size == null ? 0 : size.get();
  }

  void clear() {
    ids.clear();
    sizes.clear();
  }
}
