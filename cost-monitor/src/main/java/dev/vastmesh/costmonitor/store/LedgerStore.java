package dev.vastmesh.costmonitor.store;

import dev.vastmesh.costmonitor.accounting.LedgerState;
import java.util.Optional;

/** Where the ledger lives between samples: this process's memory, or Redis (shared, kept across restarts). */
public interface LedgerStore {

  /** The saved ledger; empty when there is none yet (a first start, or the embedded mode). */
  Optional<LedgerState> load();

  void save(LedgerState state);

  /** Whether the ledger survives a restart (Redis); the embedded mode rebuilds the day from the charges. */
  boolean durable();
}
