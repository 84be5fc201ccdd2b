package dev.vastmesh.simulator.billing;

/** What a contract pays for in a state: GPU from running, storage from creation, nothing once destroyed. */
public enum Usage {
  GPU_AND_STORAGE(true, true), STORAGE(false, true), NONE(false, false);

  private final boolean gpu;
  private final boolean storage;

  Usage(boolean gpu, boolean storage) {
    this.gpu = gpu;
    this.storage = storage;
  }

  boolean gpu() {
    return gpu;
  }

  boolean storage() {
    return storage;
  }
}
