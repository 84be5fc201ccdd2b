package dev.vastmesh.costmonitor.registry;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the registry knows of an instance that the cost-monitor joins with Vast's rows. */
public record RegistryEntry(long instanceId, @Nullable String environment, @Nullable String triggerId, Map<String, String> labels) {

  public RegistryEntry {
    labels = Map.copyOf(labels);
  }
}
