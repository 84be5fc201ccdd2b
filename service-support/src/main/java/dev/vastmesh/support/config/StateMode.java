package dev.vastmesh.support.config;

/**
 * Where a service keeps its state, as every service's {@code vastmesh.<service>.state} names it:
 * {@code memory}, in the process (one replica), or {@code redis}, shared by every replica.
 */
public enum StateMode {
  MEMORY,
  REDIS
}
