package dev.vastmesh.costmonitor.support;

import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.costmonitor.sampling.Sample;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Vast instance rows and samples for unit tests. */
public final class Rows {

  private Rows() {
  }

  /** An instance billing {@code gpu} $/h for its GPU and {@code disk} $/h for storage. */
  public static Instance instance(long id, String status, double gpu, double disk, @Nullable String label, Instant created) {
    return new Instance(id, 1L, status, status, status, status, null, label, "RTX 4090", 1, 24000.0, 32000.0, gpu + disk, 20.0,
        created.getEpochSecond() + created.getNano() / 1e9, "127.0.0.1", null, null, Map.of(), "SE", 0.99, false, gpu, 0.1, disk);
  }

  public static Sample sample(Instant at, List<Instance> instances, @Nullable List<RegistryEntry> registry) {
    return new Sample(at, instances, 100.0, List.of(), registry);
  }

  public static Sample sample(Instant at, List<Instance> instances, List<BillingLine> charges, @Nullable List<RegistryEntry> registry) {
    return new Sample(at, instances, 100.0, charges, registry);
  }

  public static BillingLine charge(long instanceId, double amount) {
    return new BillingLine(0.0, 0.0, "instance", "instance-" + instanceId, "Instance " + instanceId + " Charges", amount, Map.of(), List.of());
  }

  public static RegistryEntry entry(long id, String environment) {
    return new RegistryEntry(id, environment, "pipeline-" + id, Map.of());
  }
}
