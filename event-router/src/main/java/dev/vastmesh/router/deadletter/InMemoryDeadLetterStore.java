package dev.vastmesh.router.deadletter;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Dead letters of the embedded mode (they die with the process, like the queue). */
public final class InMemoryDeadLetterStore implements DeadLetterStore {

  private final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();

  @Override
  public void add(DeadLetter letter) {
    letters.put(letter.id(), letter);
  }

  @Override
  public List<DeadLetter> list() {
    return letters.values().stream().sorted(Comparator.comparing(DeadLetter::deadAt)).toList();
  }

  @Override
  public Optional<DeadLetter> get(String id) {
    return Optional.ofNullable(letters.get(id));
  }

  @Override
  public boolean remove(String id) {
    return letters.remove(id) != null;
  }

  @Override
  public int purge() {
    int count = letters.size();
    letters.clear();
    return count;
  }
}
