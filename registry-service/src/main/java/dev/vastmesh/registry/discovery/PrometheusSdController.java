package dev.vastmesh.registry.discovery;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.RegisteredInstance;
import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.registry.store.InstanceStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus HTTP service discovery ({@code http_sd_configs}): the full list of live workers on
 * every call, as {@code [{"targets":[...],"labels":{...}}]}, {@code []} when there are none.
 */
@RestController
class PrometheusSdController {

  private final InstanceStore store;
  private final Clock clock;
  private final RegistryProperties.Discovery config;

  PrometheusSdController(InstanceStore store, Clock clock, RegistryProperties properties) {
    this.store = store;
    this.clock = clock;
    this.config = properties.discovery();
  }

  /** One target group. */
  record TargetGroup(List<String> targets, Map<String, String> labels) {
  }

  @RequiresScope("read")
  @GetMapping(path = "/api/v1/vastai/registry/prometheus-sd", produces = MediaType.APPLICATION_JSON_VALUE)
  List<TargetGroup> targets() {
    Instant now = clock.instant();
    List<TargetGroup> groups = new ArrayList<>();
    store.all().stream()
        .filter(instance -> !instance.expiredAt(now))
        .sorted(Comparator.comparingLong(RegisteredInstance::instanceId))
        .forEach(instance -> {
          String target = target(instance);
          if (target != null) {
            groups.add(new TargetGroup(List.of(target), labels(instance)));
          }
        });
    return groups;
  }

  private @Nullable String target(RegisteredInstance instance) {
    if (instance.workerUrl() != null) {
      URI url = URI.create(instance.workerUrl());
      int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
      return url.getHost() + ":" + port;
    }
    String host = instance.tailscaleIp() != null ? instance.tailscaleIp() : instance.tailscaleHostname();
    if (host == null) {
      return null;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + config.defaultPort();
  }

  private Map<String, String> labels(RegisteredInstance instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("__meta_vastmesh_instance_id", Long.toString(instance.instanceId()));
    labels.put("__meta_vastmesh_environment", orEmpty(instance.environment()));
    labels.put("__meta_vastmesh_gpu_type", orEmpty(instance.gpuType()));
    labels.put("__meta_vastmesh_gpu_name", orEmpty(instance.gpuName()));
    labels.put("__meta_vastmesh_status", instance.status().wire());
    labels.put("__meta_vastmesh_capabilities", "," + String.join(",", instance.capabilities()) + ",");
    instance.labels().forEach((key, value) -> labels.put("__meta_vastmesh_label_" + key.replace('-', '_'), value));
    labels.put("__metrics_path__", config.metricsPath());
    if (instance.workerUrl() != null && instance.workerUrl().startsWith("https:")) {
      labels.put("__scheme__", "https");
    }
    return labels;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
