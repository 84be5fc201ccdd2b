package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.billing.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Where an instance is in its life, and how Vast shows it: {@code actual_status},
 * {@code intended_status}, {@code cur_state}, {@code next_state}, and what it pays for. An outbid
 * instance is stopped in all three of intended, current and next state, as Vast shows it.
 */
enum Phase {
  CREATED(null, "running", "running", "running", Usage.STORAGE),
  LOADING("loading", "running", "running", "running", Usage.STORAGE),
  RUNNING("running", "running", "running", "running", Usage.GPU_AND_STORAGE),
  REBOOTING("rebooting", "running", "running", "running", Usage.GPU_AND_STORAGE),
  STOPPED("stopped", "stopped", "stopped", "stopped", Usage.STORAGE),
  OUTBID("stopped", "stopped", "stopped", "stopped", Usage.STORAGE),
  // What Vast bills for a dead container is not documented; its disk still exists, so storage.
  EXITED("exited", "running", "running", "running", Usage.STORAGE);

  private final @Nullable String actual;
  private final String intended;
  private final String current;
  private final String next;
  private final Usage usage;

  Phase(@Nullable String actual, String intended, String current, String next, Usage usage) {
    this.actual = actual;
    this.intended = intended;
    this.current = current;
    this.next = next;
    this.usage = usage;
  }

  @Nullable String actual() {
    return actual;
  }

  String intended() {
    return intended;
  }

  String current() {
    return current;
  }

  String next() {
    return next;
  }

  Usage usage() {
    return usage;
  }

  /** Whether its container should be running (or be about to). */
  boolean up() {
    return this == CREATED || this == LOADING || this == RUNNING || this == REBOOTING;
  }
}
