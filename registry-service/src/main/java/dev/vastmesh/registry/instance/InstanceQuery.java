package dev.vastmesh.registry.instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A list request: the filters (all optional, all must match), paging and visibility.
 *
 * @param capabilities the instance must have every one of these
 * @param labels label selector: each key must be present, with the value when it is non-null
 * @param after only instances with a larger id (the cursor)
 * @param now instances whose TTL ran out by then are left out, unless {@code includeExpired}
 */
public record InstanceQuery(
    @Nullable String environment,
    @Nullable String triggerId,
    @Nullable InstanceStatus status,
    List<String> capabilities,
    @Nullable String gpuType,
    Map<String, @Nullable String> labels,
    long after,
    int limit,
    Instant now,
    boolean includeExpired) {

  /** Whether {@code instance} passes every filter (not paging). */
  public boolean matches(RegisteredInstance instance) {
    if (!includeExpired && instance.expiredAt(now)) {
      return false;
    }
    if (environment != null && !environment.equals(instance.environment())
        || triggerId != null && !triggerId.equals(instance.triggerId())
        || status != null && status != instance.status()
        || gpuType != null && !gpuType.equals(instance.gpuType())) {
      return false;
    }
    if (!instance.capabilities().containsAll(capabilities)) {
      return false;
    }
    for (Map.Entry<String, String> selector : labels.entrySet()) {
      String actual = instance.labels().get(selector.getKey());
      if (actual == null || selector.getValue() != null && !Objects.equals(selector.getValue(), actual)) {
        return false;
      }
    }
    return true;
  }
}
