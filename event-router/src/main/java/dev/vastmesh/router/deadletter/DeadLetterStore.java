package dev.vastmesh.router.deadletter;

import java.util.List;
import java.util.Optional;

/** Where dead letters wait for an operator: in memory, or in Redis shared by every router. */
public interface DeadLetterStore {

  void add(DeadLetter letter);

  /** All dead letters, oldest first. */
  List<DeadLetter> list();

  Optional<DeadLetter> get(String id);

  /** Removes one; false if there was none. */
  boolean remove(String id);

  /** Removes all; returns how many. */
  int purge();
}
