package dev.vastmesh.costmonitor.sampling;

import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.Instance;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One complete reading of the account: every instance (all pages), the balance, today's charges
 * (UTC), and the registry's entries.
 *
 * @param registry null when the registry is not configured or could not be read: then nothing is
 *     reaped and no ghost is deregistered
 */
public record Sample(Instant at, List<Instance> instances, @Nullable Double balance, List<BillingLine> charges,
    @Nullable List<RegistryEntry> registry) {

  public Sample {
    instances = List.copyOf(instances);
    charges = List.copyOf(charges);
    registry = registry == null ? null : List.copyOf(registry);
  }
}
