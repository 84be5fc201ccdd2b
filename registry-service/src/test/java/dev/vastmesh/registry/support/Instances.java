package dev.vastmesh.registry.support;

import dev.vastmesh.events.payload.RentalType;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.InstanceStatus;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test instances and queries. */
public final class Instances {

  private Instances() {
  }

  public static RegisteredInstance instance(long id, Instant now, long ttlSeconds) {
    return instance(id, now, ttlSeconds, "prod", InstanceStatus.READY, List.of("inference", "embeddings"), Map.of("team", "search"));
  }

  public static RegisteredInstance instance(long id, Instant now, long ttlSeconds, String environment, InstanceStatus status,
      List<String> capabilities, Map<String, String> labels) {
    return new RegisteredInstance(id, id + 1000, "100.113.211." + (id % 250), "worker-" + id, capabilities, status,
        environment, "gitlab-pipeline-123", "RTX_4090", "NVIDIA RTX 4090", new BigDecimal("0.34"),
        "https://203.0.113.4:" + (40000 + id % 20000), 1, 42L, RentalType.ON_DEMAND, labels, ttlSeconds, now, now,
        now.plusSeconds(ttlSeconds), null, null, null, null);
  }

  public static InstanceQuery all(Instant now) {
    return new InstanceQuery(null, null, null, List.of(), null, Map.of(), Long.MIN_VALUE, 1000, now, false);
  }
}
